// What every long-running subcommand (`start`, `rules serve`) does around its service: the
// process logger from the configuration, and an orderly stop on SIGTERM/SIGINT.
import type { Config } from '../config/index.js';
import { createLogger, logger, setLogger } from '../log/index.js';

/** Installs the process logger `config` describes. */
export function installLogger(config: Config): void {
  setLogger(
    createLogger({
      level: config.LOG_LEVEL,
      file: config.LOG_FILE,
      fileMaxSize: config.LOG_FILE_MAX_SIZE,
      fileMaxFiles: config.LOG_FILE_MAX_FILES,
      service: config.OTEL_SERVICE_NAME,
    }),
  );
}

/** Resolves once SIGTERM or SIGINT has arrived and `close` has finished (its error is logged). */
export function closeOnSignal(close: () => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger().info({ signal }, 'stopping');
      close().then(resolve, (err: Error) => {
        logger().error({ err }, 'error while stopping');
        resolve();
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
