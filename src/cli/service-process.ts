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

/** What is stopped after the service, last of all (the agent's `telemetry`). */
export interface Flushable {
  shutdown(): Promise<void>;
}

/**
 * Resolves once SIGTERM or SIGINT has arrived, `close` has finished (its error is logged) and
 * `telemetry` has flushed: last, so the spans and logs of the stop itself are exported. The
 * agent leaves the stop to this handler (it only exports finished spans when the app has one).
 * A handle left open afterwards (a client library's timer) must not keep the process alive, so
 * the process exits with `process.exitCode` shortly after, if it has not already.
 */
export function closeOnSignal(close: () => Promise<void>, telemetry?: Flushable): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = async (signal: NodeJS.Signals) => {
      logger().info({ signal }, 'stopping');
      try {
        await close();
        logger().info('stopped');
      } catch (err) {
        logger().error({ err }, 'error while stopping');
      }
      await telemetry?.shutdown().catch((err: Error) => logger().error({ err }, 'telemetry shutdown failed'));
      setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
      resolve();
    };
    process.once('SIGTERM', (s) => void stop(s));
    process.once('SIGINT', (s) => void stop(s));
  });
}

// Time for stdout and the log file to drain before a forced exit.
const EXIT_GRACE_MS = 1000;
