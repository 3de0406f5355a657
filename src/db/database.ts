// The database handle: one pg pool, against DATABASE_URL or the embedded PGlite server.
import pg from 'pg';
import type { Config } from '../config/index.js';
import { logger } from '../log/index.js';
import { startEmbedded, type EmbeddedServer } from './embedded.js';
import { embeddedOptionsFor } from './embedded-options.js';
import { migrate } from './migrate.js';
import { trackPool, untrackPool } from './pool-gauge.js';
import { timedQueryable, type Queryable } from './queryable.js';
import { maskUrl } from './url.js';

/** The configuration {@link openDatabase} reads. */
export type DatabaseConfig = Pick<
  Config,
  'DATABASE_URL' | 'PGLITE_DATA_DIR' | 'PGLITE_PORT' | 'DB_POOL_MAX' | 'DB_STATEMENT_TIMEOUT_MS'
>;

/** An open database: the pool, how it is served, and timed queries. */
export interface Database extends Queryable {
  readonly pool: pg.Pool;
  /** True when the embedded PGlite is serving. */
  readonly embedded: boolean;
  /** Connection URL with any password masked. */
  readonly url: string;
  /** SELECT 1 with a short timeout; never throws. */
  ping(): Promise<boolean>;
  /** Ends the pool, then the embedded server and PGlite. Safe to call twice. */
  close(): Promise<void>;
}

/** Options of {@link openDatabase} beyond the configuration. */
export interface OpenOptions {
  /** Apply pending migrations before returning. @defaultValue true */
  migrate?: boolean;
  /** Migrations folder. @defaultValue the package's `migrations/` */
  migrationsDir?: string;
  /** How long {@link Database.ping} waits. @defaultValue 1000 */
  pingTimeoutMs?: number;
  /** How long the pool waits for a new connection. @defaultValue 5000 */
  connectionTimeoutMs?: number;
  /**
   * The embedded server, already starting (`startEmbedded(embeddedOptionsFor(config))`), when
   * DATABASE_URL is unset. @defaultValue one started here
   */
  embedded?: Promise<EmbeddedServer>;
}

/** Opens the pool (starting the embedded server when DATABASE_URL is unset) and migrates. */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<Database> {
  const { pingTimeoutMs = 1000, connectionTimeoutMs = 5000 } = options;
  if (!Number.isInteger(config.DB_POOL_MAX) || config.DB_POOL_MAX < 1) {
    throw new Error(`DB_POOL_MAX must be an integer >= 1, got ${config.DB_POOL_MAX}`);
  }
  if (!Number.isInteger(config.DB_STATEMENT_TIMEOUT_MS) || config.DB_STATEMENT_TIMEOUT_MS < 1) {
    throw new Error(`DB_STATEMENT_TIMEOUT_MS must be an integer >= 1, got ${config.DB_STATEMENT_TIMEOUT_MS}`);
  }
  let server: EmbeddedServer | undefined;
  if (!config.DATABASE_URL) server = await (options.embedded ?? startEmbedded(embeddedOptionsFor(config)));
  const connectionString = config.DATABASE_URL ?? server!.url;
  // statement_timeout travels in the startup packet. PGlite accepts but does not enforce it
  // (one WASM thread, no timer interrupts), so on the embedded server it is advisory.
  const target = new URL(connectionString);
  const pool = new pg.Pool({
    connectionString,
    // pg reads these from the URL itself; given here too, the pg instrumentation names the pool
    // `host:port/database` in its metrics instead of `unknown_host:unknown_port/unknown_database`.
    // (A socket URL names its host in the query string; it is left to pg.)
    ...(target.hostname ? { host: decodeURIComponent(target.hostname), port: Number(target.port || 5432) } : {}),
    database: decodeURIComponent(target.pathname.slice(1)),
    max: config.DB_POOL_MAX,
    statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMillis: connectionTimeoutMs,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (server restart, network) must not crash the process.
  pool.on('error', (err) => logger().warn({ err: err.message, url: maskUrl(connectionString) }, 'idle database client failed'));
  trackPool(pool);
  const timedPool = timedQueryable(pool);
  let closing: Promise<void> | undefined;
  const db: Database = {
    pool,
    embedded: server !== undefined,
    url: maskUrl(connectionString),
    query: timedPool.query.bind(timedPool),
    ping: () => ping(pool, pingTimeoutMs),
    close() {
      closing ??= (async () => {
        untrackPool(pool);
        await pool.end();
        await server?.close();
      })();
      return closing;
    },
  };
  try {
    if (options.migrate ?? true) await migrate(db, options.migrationsDir);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

async function ping(pool: pg.Pool, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
