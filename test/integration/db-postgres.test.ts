// The database layer against real Postgres (DATABASE_URL), in a schema of its own so reruns
// and other suites sharing foresight_test do not collide.
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { migrate, openDatabase, readMigrations, type DatabaseConfig } from '../../src/db/index.js';
import { adminSql, requireService, schemaScopedUrl, testDatabaseUrl } from '../helpers/services.js';

const SCHEMA = 'foresight_test_db_layer';
// search_path via the startup `options`, so every pool client lands in the test schema.
const schemaUrl = schemaScopedUrl(SCHEMA);
const config: DatabaseConfig = { DATABASE_URL: schemaUrl, PGLITE_DATA_DIR: 'unused', PGLITE_PORT: 0, DB_POOL_MAX: 4, DB_STATEMENT_TIMEOUT_MS: 5000 };

const admin = adminSql;

let available = false;
beforeAll(async () => {
  // Probe without a test context: each test calls requireService itself to skip visibly.
  try {
    await admin(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
    available = true;
  } catch {
    available = false;
  }
});
afterAll(async () => {
  if (available) await admin(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
});

test('concurrent starters migrate once; a second migrate applies nothing', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  const dbs = await Promise.all([openDatabase(config), openDatabase(config), openDatabase(config)]);
  try {
    const { rows } = await dbs[0].query<{ n: number }>('test', 'SELECT count(*)::int AS n FROM schema_migrations');
    assert.equal(rows[0]!.n, readMigrations().length);
    assert.deepEqual((await migrate(dbs[1])).applied, []);
    assert.equal(dbs[0].embedded, false);
    assert.equal(await dbs[0].ping(), true);
  } finally {
    await Promise.all(dbs.map((db) => db.close()));
  }
});

test('the URL is shown with its password masked', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  const db = await openDatabase(config, { migrate: false });
  try {
    assert.ok(!db.url.includes(':foresight@'), db.url);
    assert.match(db.url, /:\*\*\*@/);
  } finally {
    await db.close();
  }
});

test('statement_timeout is enforced on every pool client', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  const db = await openDatabase({ ...config, DB_STATEMENT_TIMEOUT_MS: 100 }, { migrate: false });
  try {
    await assert.rejects(db.query('test', 'SELECT pg_sleep(1)'), /statement timeout/);
  } finally {
    await db.close();
  }
});

test('an idle client killed by the server is logged, not fatal, and the pool recovers', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  const db = await openDatabase(config, { migrate: false });
  try {
    const { rows } = await db.query<{ pid: number }>('test', 'SELECT pg_backend_pid() AS pid');
    await admin(`SELECT pg_terminate_backend(${rows[0]!.pid})`);
    // The pool drops the killed client once its error arrives; wait for that, not a fixed time.
    for (const until = Date.now() + 10_000; db.pool.totalCount > 0; ) {
      assert.ok(Date.now() < until, 'the killed client left the pool');
      await new Promise((r) => setTimeout(r, 10));
    }
    const again = await db.query<{ x: number }>('test', 'SELECT 1 AS x');
    assert.equal(again.rows[0]!.x, 1);
  } finally {
    await db.close();
  }
});

test('ping answers false, without throwing, when the server is unreachable', async () => {
  const db = await openDatabase({ ...config, DATABASE_URL: 'postgres://nobody:pw@127.0.0.1:1/none' }, { migrate: false, pingTimeoutMs: 500 });
  try {
    assert.equal(await db.ping(), false);
  } finally {
    await db.close();
  }
});
