// The database layer on the embedded PGlite server: open, migrate (twice, and concurrently),
// several pool clients at once, persistence of a data dir, metrics, latency, close.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { migrate, openDatabase, readMigrations, withTransaction, type DatabaseConfig } from '../../src/db/index.js';

// A reader we can collect from on demand; installed before the first instrument is made.
class TestReader extends MetricReader {
  protected onShutdown = async () => {};
  protected onForceFlush = async () => {};
}
const reader = new TestReader();
metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));

const memory: DatabaseConfig = { PGLITE_DATA_DIR: 'memory://', PGLITE_PORT: 0, DB_POOL_MAX: 4, DB_STATEMENT_TIMEOUT_MS: 5000 };
const migrationCount = readMigrations().length;

test('opens PGlite over the wire protocol, migrates, and migrating again applies nothing', async () => {
  const db = await openDatabase(memory);
  try {
    assert.equal(db.embedded, true);
    assert.match(db.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    assert.equal(await db.ping(), true);
    const { rows } = await db.query<{ n: number }>('test', 'SELECT count(*)::int AS n FROM schema_migrations');
    assert.equal(rows[0]!.n, migrationCount);
    const again = await migrate(db);
    assert.deepEqual(again.applied, []);
    assert.equal(again.skipped.length, migrationCount);
    for (const table of ['cities', 'demand_history', 'weather', 'models']) {
      const r = await db.query('test', 'SELECT to_regclass($1) AS t', [table]);
      assert.equal(r.rows[0].t, table);
    }
  } finally {
    await db.close();
  }
});

test('concurrent migrators apply each file exactly once (advisory lock)', async () => {
  const db = await openDatabase(memory, { migrate: false });
  try {
    const reports = await Promise.all([migrate(db), migrate(db), migrate(db)]);
    const applied = reports.flatMap((r) => r.applied).sort();
    assert.deepEqual(applied, readMigrations().map((m) => m.name));
    const { rows } = await db.query<{ n: number }>('test', 'SELECT count(*)::int AS n FROM schema_migrations');
    assert.equal(rows[0]!.n, migrationCount);
  } finally {
    await db.close();
  }
});

test('a pool of several clients works: parallel queries and a transaction alongside', async () => {
  const db = await openDatabase({ ...memory, DB_POOL_MAX: 6 });
  try {
    await db.query('test', 'CREATE TABLE t (x int)');
    const tx = withTransaction(db, async (q) => {
      await q.query('test', 'INSERT INTO t VALUES (1)');
      await new Promise((r) => setTimeout(r, 20));
      await q.query('test', 'INSERT INTO t VALUES (2)');
    });
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => db.query<{ v: number }>('test', 'SELECT $1::int * 2 AS v', [i])));
    await tx;
    answers.forEach((r, i) => assert.equal(r.rows[0]!.v, i * 2));
    assert.ok(db.pool.totalCount > 1, `pool opened ${db.pool.totalCount} clients`);
    await assert.rejects(withTransaction(db, async (q) => {
      await q.query('test', 'INSERT INTO t VALUES (3)');
      throw new Error('abort');
    }), /abort/);
    const { rows } = await db.query<{ xs: number[] }>('test', 'SELECT array_agg(x ORDER BY x) AS xs FROM t');
    assert.deepEqual(rows[0]!.xs, [1, 2], 'the failed transaction rolled back');
  } finally {
    await db.close();
  }
});

test('transactions next to parameterised reads never mix protocol state (stock pglite-socket did)', async () => {
  // With pglite-socket's own multiplexer this mix gave wrong rows and `portal "" does not exist`.
  const db = await openDatabase(memory);
  try {
    await db.query('test', 'CREATE TABLE k (g int, v int)');
    await db.query('test', 'INSERT INTO k SELECT i % 10, i FROM generate_series(1, 1000) AS i');
    const readers = Array.from({ length: 3 }, async (_, r) => {
      for (let i = 0; i < 100; i++) {
        const { rows } = await db.query<{ n: number }>('test', 'SELECT count(*)::int AS n FROM k WHERE g = $1', [(i + r) % 10]);
        assert.equal(rows[0]!.n, 100);
      }
    });
    const writer = (async () => {
      for (let i = 0; i < 30; i++) {
        await withTransaction(db, async (tx) => {
          await tx.query('test', 'SELECT pg_advisory_xact_lock($1, hashtext($2))', [1, 'k']);
          await tx.query('test', 'UPDATE k SET v = v + $2 WHERE g = $1', [i % 10, 1]);
        });
      }
    })();
    await Promise.all([...readers, writer]);
    const { rows } = await db.query<{ s: number }>('test', 'SELECT sum(v)::int AS s FROM k');
    assert.equal(rows[0]!.s, 500_500 + 30 * 100);
  } finally {
    await db.close();
  }
});

test('records db_query_seconds per query_type and the label-free db_connection_pool_size and _max', async () => {
  const db = await openDatabase(memory);
  try {
    await db.query('select_probe', 'SELECT 1');
    const { resourceMetrics } = await reader.collect();
    const all = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics);
    const queries = all.find((m) => m.descriptor.name === 'db_query_seconds');
    assert.ok(queries?.dataPoints.some((p) => p.attributes.query_type === 'select_probe'));
    assert.ok(queries?.dataPoints.some((p) => p.attributes.query_type === 'migration'));
    const pool = all.find((m) => m.descriptor.name === 'db_connection_pool_size');
    assert.equal(pool?.dataPoints.length, 1);
    assert.deepEqual(pool?.dataPoints[0]!.attributes, {});
    assert.ok((pool?.dataPoints[0].value as number) >= 1);
    // The pool alert divides by the bound: DB_POOL_MAX of every open pool.
    const max = all.find((m) => m.descriptor.name === 'db_connection_pool_max');
    assert.equal(max?.dataPoints[0]?.value, 4);
  } finally {
    await db.close();
  }
});

// Latency is reported, not asserted: a unit test on a shared machine is no benchmark
// (bench/db-embedded.ts measures it).
test('a thousand small queries over the socket answer in order', async (t) => {
  const db = await openDatabase(memory);
  try {
    for (let i = 0; i < 50; i++) await db.query('warmup', 'SELECT $1::int', [i]);
    const n = 1000;
    const start = performance.now();
    for (let i = 0; i < n; i++) assert.equal((await db.query<{ v: number }>('latency', 'SELECT $1::int AS v', [i])).rows[0]!.v, i);
    const perQuery = (performance.now() - start) / n;
    await t.annotate(`PGlite over pglite-socket: ${perQuery.toFixed(3)} ms per sequential query`);
  } finally {
    await db.close();
  }
});

test('a data directory is created, persists across restarts, and is not migrated twice', async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-pglite-')), 'nested', 'data');
  try {
    const first = await openDatabase({ ...memory, PGLITE_DATA_DIR: dir });
    await first.query('test', "INSERT INTO cities VALUES ('x', 'X', 'XX', 0, 0, 0, 1)");
    await first.close();
    assert.ok(fs.existsSync(dir));
    const second = await openDatabase({ ...memory, PGLITE_DATA_DIR: dir });
    try {
      const { rows } = await second.query<{ n: number }>('test', 'SELECT count(*)::int AS n FROM cities');
      assert.equal(rows[0]!.n, 1);
      assert.deepEqual((await migrate(second)).applied, []);
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  }
});

test('close ends everything, may be called twice, and ping then answers false', async () => {
  const db = await openDatabase(memory);
  await db.close();
  await db.close();
  assert.equal(await db.ping(), false);
});

test('invalid pool options are rejected before anything starts', async () => {
  await assert.rejects(openDatabase({ ...memory, DB_POOL_MAX: 0 }), /DB_POOL_MAX must be an integer >= 1, got 0/);
  await assert.rejects(openDatabase({ ...memory, DB_STATEMENT_TIMEOUT_MS: 0 }), /DB_STATEMENT_TIMEOUT_MS must be an integer >= 1, got 0/);
  await assert.rejects(openDatabase({ ...memory, PGLITE_PORT: 70000 }), /port must be an integer in 0\.\.65535, got 70000/);
});
