// `foresight start` (`npm start`): telemetry first — the register entry installs the ESM loader
// hook and the SDK before pg, ioredis and http are loaded — then the embedded database, which
// opens in its own thread while the server's modules load, then the server, with a progress bar
// for the seed and training steps, and an orderly stop on SIGTERM/SIGINT: stop accepting, answer
// in-flight requests (FORESIGHT_DRAIN_TIMEOUT_MS), then rules, database, and telemetry last.
import { progressBar, type Progress } from './progress.js';

/** Starts the service and resolves once it has stopped. */
export async function run(): Promise<number> {
  const { telemetry } = await import('../telemetry/register.js');
  const [{ loadConfig }, { installLogger, closeOnSignal }, { startEmbeddedDatabase }] = await Promise.all([
    import('../config/index.js'),
    import('./service-process.js'),
    import('../db/index.js'),
  ]);
  const config = loadConfig();
  installLogger(config);
  const embedded = config.DATABASE_URL ? undefined : startEmbeddedDatabase(config);
  // Awaited by startServer; until then a failure to start must not count as unhandled.
  embedded?.catch(() => {});
  const { startServer } = await import('../server/index.js');

  const bars = new Map<string, Progress>();
  const server = await startServer(config, {
    embedded,
    onProgress(step, done, total) {
      if (!bars.has(step)) bars.set(step, progressBar(step));
      bars.get(step)!.update(done, total);
      if (done === total) bars.get(step)!.done();
    },
  });
  await closeOnSignal(() => server.close(), telemetry);
  return 0;
}
