// `foresight start` (`npm start`): telemetry first — the register entry installs the ESM loader
// hook and the SDK before pg, ioredis and http are loaded — then the server, with a progress bar
// for the seed and training steps, and an orderly stop on SIGTERM/SIGINT.
import { progressBar, type Progress } from './progress.js';

/** Starts the service and resolves once it has stopped. */
export async function run(): Promise<number> {
  await import('../telemetry/register.js');
  const [{ loadConfig }, { createLogger, setLogger, logger }, { startServer }] = await Promise.all([
    import('../config/index.js'),
    import('../log/index.js'),
    import('../server/index.js'),
  ]);
  const config = loadConfig();
  setLogger(
    createLogger({
      level: config.LOG_LEVEL,
      file: config.LOG_FILE,
      fileMaxSize: config.LOG_FILE_MAX_SIZE,
      fileMaxFiles: config.LOG_FILE_MAX_FILES,
      service: config.OTEL_SERVICE_NAME,
    }),
  );

  const bars = new Map<string, Progress>();
  const server = await startServer(config, {
    onProgress(step, done, total) {
      if (!bars.has(step)) bars.set(step, progressBar(step));
      bars.get(step)!.update(done, total);
      if (done === total) bars.get(step)!.done();
    },
  });

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      logger().info({ signal }, 'stopping');
      server.close().then(resolve, (err: Error) => {
        logger().error({ err }, 'error while stopping');
        resolve();
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  return 0;
}
