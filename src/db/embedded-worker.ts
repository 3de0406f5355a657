// The embedded database's thread: PGlite runs its queries (parsing and planning in WASM, about a
// millisecond each) and its start (seconds) here, not on the API's event loop. The two threads
// share nothing but loopback sockets, exactly as with a real Postgres server.
import { parentPort, workerData } from 'node:worker_threads';
import type { EmbeddedOptions } from './embedded-options.js';
import { serveEmbedded } from './embedded-server.js';
import type { FromWorker, ToWorker } from './embedded-messages.js';

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

try {
  const server = await serveEmbedded(workerData as EmbeddedOptions, (fields, message) => post({ type: 'warning', fields, message }));
  port.on('message', (message: ToWorker) => {
    if (message.type !== 'close') return;
    server.close().then(
      () => post({ type: 'closed' }),
      (err: Error) => post({ type: 'closed', error: err.message }),
    ).finally(() => port.close());
  });
  post({ type: 'ready', url: server.url, port: server.port });
} catch (err) {
  post({ type: 'failed', error: (err as Error).message });
  port.close();
}
