// The embedded default: PGlite served over the Postgres wire protocol on loopback, in a thread of
// its own (embedded-worker.ts). Its CPU work (about a millisecond of WASM per query, seconds to
// create an empty data dir) never holds up the API's event loop, and it opens while the rest of
// the server is still loading.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/index.js';
import type { FromWorker, ToWorker } from './embedded-messages.js';
import { checkEmbeddedOptions, type EmbeddedOptions } from './embedded-options.js';
import type { EmbeddedServer } from './embedded-server.js';

export type { EmbeddedOptions, EmbeddedServer };

// Imported when there is something to log: `foresight start` loads this module before the agent,
// which must see pino load to correlate and send its lines.
function log(write: (logger: Logger) => void): void {
  void import('../log/index.js').then(({ logger }) => write(logger()));
}

/** Starts PGlite on `options.dataDir` in its own thread and serves it on 127.0.0.1. */
export function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  checkEmbeddedOptions(options);
  // execArgv []: an agent the process was started with (--import) is not started again in there.
  const worker = new Worker(new URL('./embedded-worker.js', import.meta.url), { workerData: options, execArgv: [] });
  // Set once close() is called: an exit after it is the expected one.
  let closing: Promise<void> | undefined;
  let closed: (() => void) | undefined;
  let exited = false;
  return new Promise((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'warning') log((l) => l.warn(message.fields, message.message));
      else if (message.type === 'failed') reject(new Error(message.error));
      else if (message.type === 'closed') {
        if (message.error) log((l) => l.warn({ err: message.error }, 'embedded database: close failed'));
        closed?.();
      } else resolve({ url: message.url, port: message.port, close });
    });
    worker.on('error', (err) => {
      log((l) => l.error({ err: err.message }, 'embedded database thread failed; queries fail until a restart'));
      reject(err);
    });
    worker.on('exit', (code) => {
      exited = true;
      closed?.();
      if (!closing) {
        log((l) => l.error({ code }, 'embedded database thread stopped; queries fail until a restart'));
        reject(new Error(`embedded database: its thread exited with code ${code} before it was ready`));
      }
    });
  });

  /** Stops accepting, drops the sockets, closes PGlite (flushing a data dir), then the thread. */
  function close(): Promise<void> {
    closing ??= (async () => {
      if (exited) return;
      await new Promise<void>((resolve) => {
        closed = resolve;
        worker.postMessage({ type: 'close' } satisfies ToWorker);
      });
      await worker.terminate();
    })();
    return closing;
  }
}
