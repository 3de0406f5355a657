// The embedded default: PGlite (Postgres compiled to WASM, in-process) served over the Postgres
// wire protocol on loopback, so the app talks `pg` to it exactly as it would to a real server.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** Options of {@link startEmbedded}. */
export interface EmbeddedOptions {
  /** Data directory, created if missing; `memory://` keeps everything in memory. */
  dataDir: string;
  /** Loopback port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /**
   * Sockets the server accepts at once. pglite-socket defaults to 1, which would refuse every
   * pool client but the first; its multiplexer queues the queries of all sockets onto the one
   * PGlite session (keeping a transaction's queries together). @defaultValue 10
   */
  maxConnections?: number;
}

/** A running embedded server. */
export interface EmbeddedServer {
  /** Connection URL of the server (no password: PGlite accepts any). */
  readonly url: string;
  readonly port: number;
  /** Stops the socket server, then closes PGlite (flushing a file-backed data dir). */
  close(): Promise<void>;
}

const MEMORY = 'memory://';

/** Starts PGlite on `dataDir` and serves it on 127.0.0.1. */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedServer> {
  const { dataDir, port = 0, maxConnections = 10 } = options;
  if (!dataDir) throw new Error('embedded database: dataDir must not be empty (use memory:// for none)');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`embedded database: port must be an integer in 0..65535, got ${port}`);
  }
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new Error(`embedded database: maxConnections must be an integer >= 1, got ${maxConnections}`);
  }
  if (!dataDir.startsWith(MEMORY)) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port, maxConnections });
  try {
    await server.start();
  } catch (err) {
    await pglite.close();
    throw err;
  }
  // The server keeps its bound port private; getServerConn() is the documented way to read it back.
  const actualPort = Number(server.getServerConn().split(':').pop());
  return {
    url: `postgres://postgres@127.0.0.1:${actualPort}/postgres`,
    port: actualPort,
    async close() {
      await server.stop();
      if (!pglite.closed) await pglite.close();
    },
  };
}
