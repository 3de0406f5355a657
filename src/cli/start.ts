// `foresight start` (`npm start`): first the embedded database, which opens in its own thread
// (seconds of WASM) while everything else loads; then telemetry — the register entry installs
// the ESM loader hook and the SDK before pg, ioredis, pino and http are loaded, so nothing of
// theirs is imported before it — then the server, with a progress bar for the seed and training
// steps, and an orderly stop on SIGTERM/SIGINT: stop accepting, answer in-flight requests
// (FORESIGHT_DRAIN_TIMEOUT_MS), then rules, database, and telemetry last.
import { progressBar, type Progress } from './progress.js';

/** Starts the service and resolves once it has stopped. */
export async function run(): Promise<number> {
  const [{ loadConfig }, { startEmbedded }, { embeddedOptionsFor }] = await Promise.all([
    import('../config/index.js'),
    import('../db/embedded.js'),
    import('../db/embedded-options.js'),
  ]);
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? undefined : startEmbedded(embeddedOptionsFor(config));
  // Awaited by startServer; until then a failure to start must not count as unhandled.
  embedded?.catch(() => {});

  const { telemetry } = await import('../telemetry/register.js');
  const [{ installLogger, closeOnSignal }, { startServer }] = await Promise.all([
    import('./service-process.js'),
    import('../server/index.js'),
  ]);
  installLogger(config);

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
