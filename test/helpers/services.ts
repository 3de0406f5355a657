// Real services for integration tests. Where one is not reachable, the test is skipped with
// the reason shown; with FORESIGHT_REQUIRE_SERVICES=1 (set by .ci/run) it fails instead.
import net from 'node:net';
import type { TestContext } from 'vitest';

/** Postgres the integration tests use (a database they may wipe). */
export const testDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://foresight:foresight@127.0.0.1:5432/foresight_test';
/** Redis the integration tests use (db 0 is flushed by them). */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** True in CI (.ci/run): a missing or broken service fails the run instead of skipping. */
export const required = process.env.FORESIGHT_REQUIRE_SERVICES === '1';

/** Whether a TCP connection to the host and port of `url` opens within a second. */
export async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port), timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

// One probe per URL and run: the answer does not change between the tests of a file.
const probes = new Map<string, Promise<string | undefined>>();

/**
 * Why the service at `url` cannot be used, or undefined when it answers a real request: for
 * Postgres a login and `SELECT 1` (a wrong password or a missing database is a broken
 * service, not a working one), for Redis a PING, for anything else an open port.
 */
export function serviceProblem(url: string): Promise<string | undefined> {
  let probe = probes.get(url);
  if (!probe) probes.set(url, (probe = runProbe(url)));
  return probe;
}

async function runProbe(url: string): Promise<string | undefined> {
  if (!(await reachable(url))) return 'not reachable';
  const protocol = new URL(url).protocol;
  try {
    if (protocol === 'postgres:' || protocol === 'postgresql:') {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
      } finally {
        await client.end().catch(() => {});
      }
    } else if (protocol === 'redis:' || protocol === 'rediss:') {
      const { Redis } = await import('ioredis');
      const client = new Redis(url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await client.connect();
        await client.ping();
      } finally {
        client.disconnect();
      }
    }
    return undefined;
  } catch (err) {
    return `answers but refuses: ${(err as Error).message}`;
  }
}

/**
 * Returns true when the service at `url` answers a real request. Otherwise skips the test `t`
 * with a visible reason (vitest's skip ends the test there; a stand-in that does not throw gets
 * false), or throws when the services are required.
 */
export async function requireService(t: TestContext, name: string, url: string): Promise<boolean> {
  const problem = await serviceProblem(url);
  if (!problem) return true;
  const reason = `${name} at ${url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')} ${problem}; start it with .ci/services.sh`;
  if (required) throw new Error(`${reason} (FORESIGHT_REQUIRE_SERVICES=1)`);
  t.skip(reason);
  return false;
}

/** The test database URL with `search_path` set to `schema`, so every pool client lands in it. */
export function schemaScopedUrl(schema: string): string {
  const url = new URL(testDatabaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Runs one statement on the test database as an outside client (schema setup and teardown). */
export async function adminSql(sql: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client(testDatabaseUrl);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
