// PGlite (Postgres compiled to WASM) served over the Postgres wire protocol on loopback, so the
// app talks `pg` to it exactly as it would to a real server. Runs in the embedded database's own
// thread (embedded-worker.ts). Each socket gets pglite-socket's PGLiteSocketHandler; they share
// one SessionQueue (see there why not pglite-socket's own server and multiplexer).
import fs from 'node:fs';
import net from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { EmbeddedOptions } from './embedded-options.js';
import { SessionQueue } from './session-queue.js';

/** A running embedded server. */
export interface EmbeddedServer {
  /** Connection URL of the server (no password: PGlite accepts any). */
  readonly url: string;
  readonly port: number;
  /** Stops accepting, drops the sockets, then closes PGlite (flushing a file-backed data dir). */
  close(): Promise<void>;
}

const MEMORY = 'memory://';

/** What the server has to say that is not an answer to a query: the caller logs it. */
export type EmbeddedWarning = (fields: Record<string, unknown>, message: string) => void;

/** Starts PGlite on `dataDir` and serves it on 127.0.0.1, in the calling thread. */
export async function serveEmbedded(options: EmbeddedOptions, warn: EmbeddedWarning): Promise<EmbeddedServer> {
  const { dataDir, port = 0, maxConnections = 10 } = options; // checked by startEmbedded
  if (!dataDir.startsWith(MEMORY)) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  // pglite-socket types the option as its own (unexported) queue class; ours has the same methods.
  const queryQueue = new SessionQueue(pglite) as unknown as PGLiteSocketHandlerOptions['queryQueue'];
  const handlers = new Set<PGLiteSocketHandler>();
  const server = net.createServer((socket) => {
    if (handlers.size >= maxConnections) {
      warn({ maxConnections }, 'embedded database: connection refused, too many sockets');
      socket.destroy();
      return;
    }
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    handler.attach(socket).catch(() => {
      handlers.delete(handler);
      socket.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    await pglite.close();
    throw err;
  }
  server.on('error', (err) => warn({ err: err.message }, 'embedded database server error'));
  const actualPort = (server.address() as net.AddressInfo).port;
  return {
    url: `postgres://postgres@127.0.0.1:${actualPort}/postgres`,
    port: actualPort,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...handlers].map((h) => h.detach(true)));
      handlers.clear();
      await closed;
      if (!pglite.closed) await pglite.close();
    },
  };
}
