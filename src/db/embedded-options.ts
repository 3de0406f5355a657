// What the embedded database is started with, checked before its thread is. Free of PGlite and
// pg, so that `foresight start` can start the database before the agent loads those.
import type { Config } from '../config/index.js';

/** Options of the embedded server. */
export interface EmbeddedOptions {
  /** Data directory, created if missing; `memory://` keeps everything in memory. */
  dataDir: string;
  /** Loopback port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Sockets accepted at once (the pool's clients plus spares). @defaultValue 10 */
  maxConnections?: number;
}

// Room above the pool size on the embedded server, for a psql session or a second tool.
const EMBEDDED_SPARE_CONNECTIONS = 4;

/** The embedded server that serves `config`'s pool. */
export function embeddedOptionsFor(config: Pick<Config, 'PGLITE_DATA_DIR' | 'PGLITE_PORT' | 'DB_POOL_MAX'>): EmbeddedOptions {
  return {
    dataDir: config.PGLITE_DATA_DIR,
    port: config.PGLITE_PORT,
    maxConnections: config.DB_POOL_MAX + EMBEDDED_SPARE_CONNECTIONS,
  };
}

/** Throws on options the server cannot start with; returns them. */
export function checkEmbeddedOptions(options: EmbeddedOptions): EmbeddedOptions {
  const { dataDir, port = 0, maxConnections = 10 } = options;
  if (!dataDir) throw new Error('embedded database: dataDir must not be empty (use memory:// for none)');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`embedded database: port must be an integer in 0..65535, got ${port}`);
  }
  if (!Number.isInteger(maxConnections) || maxConnections < 1) {
    throw new Error(`embedded database: maxConnections must be an integer >= 1, got ${maxConnections}`);
  }
  return options;
}
