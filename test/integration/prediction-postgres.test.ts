// The open/migrate/seed/train path on real Postgres, and the plans of the registry's queries.
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { openDatabase, withTransaction, type Database } from '../../src/db/index.js';
import { HOUR_MS, ModelCache, ModelRegistry, WeatherRepository, seedDatabase } from '../../src/prediction/index.js';
import { adminSql, requireService, schemaScopedUrl, serviceProblem, testDatabaseUrl } from '../helpers/services.js';

const SCHEMA = 'foresight_test_prediction';
const schemaUrl = schemaScopedUrl(SCHEMA);
const NOW = Date.UTC(2025, 6, 1, 8, 15);
// Same bound and reasoning as the embedded test: 3 % noise → ≈2.4 % MAPE, plus a little misfit.
const MAPE_BOUND = 6;

const admin = adminSql;

let db: Database | undefined;
// Without a usable Postgres each test skips (or fails in CI) through requireService; with one,
// a setup error fails the file instead of leaving tests that pass without doing their work.
beforeAll(async () => {
  if (await serviceProblem(testDatabaseUrl)) return;
  await admin(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
  db = await openDatabase({ DATABASE_URL: schemaUrl, PGLITE_DATA_DIR: 'unused', PGLITE_PORT: 0, DB_POOL_MAX: 4, DB_STATEMENT_TIMEOUT_MS: 30_000 });
});
afterAll(async () => {
  await db?.close();
  if (db) await admin(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
});

test('seeds 20 cities × 90 days and trains every city under the MAPE bound', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  assert.ok(db, 'the database was opened in beforeAll()');
  const report = await seedDatabase(db, { cities: 20, days: 90, now: NOW });
  await t.annotate(`seed on Postgres: ${report.demandRows + report.weatherRows} rows in ${report.durationMs.toFixed(0)} ms`);
  assert.equal(report.demandRows, 20 * 90 * 24);
  await db.query('analyze', 'ANALYZE');
  const registry = new ModelRegistry(db);
  const records = await registry.trainAll();
  const mapes = records.map((r) => r.mape);
  await t.annotate(`holdout MAPE on Postgres: ${Math.min(...mapes).toFixed(2)}–${Math.max(...mapes).toFixed(2)} %`);
  assert.equal(records.length, 20);
  for (const r of records) assert.ok(r.mape < MAPE_BOUND, `${r.city}: ${r.mape}`);
  const retrained = await registry.trainCity(records[0]!.city);
  assert.equal(retrained.version, 2);
  const cache = new ModelCache(registry, { maxSize: 32 });
  assert.equal(await cache.preload(), 20);
  assert.equal((await cache.get(records[0]!.city)).version, 2);
  const temps = await new WeatherRepository(db).hourly(records[0]!.city, NOW + 3 * 24 * HOUR_MS, 24);
  assert.equal(temps.length, 24);
});

// Plans are checked with sequential scans disabled: on tables this small the planner may
// rightly prefer a scan, but the point is that a matching index exists and is usable.
async function plan(database: Database, sql: string, params: unknown[]): Promise<string> {
  return withTransaction(database, async (tx) => {
    await tx.query('test', 'SET LOCAL enable_seqscan = off');
    const { rows } = await tx.query<{ 'QUERY PLAN': string }>('explain', `EXPLAIN ${sql}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}

test('the registry and weather queries are served by their indexes', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  assert.ok(db, 'the database was opened in beforeAll()');
  const city = 'london';
  assert.match(await plan(db, 'SELECT * FROM models WHERE city = $1 AND is_active', [city]), /models_active_city/);
  assert.match(await plan(db, 'SELECT max(version) FROM models WHERE city = $1', [city]), /models_city_version_key/);
  assert.match(
    await plan(db, 'SELECT temperature_c FROM weather WHERE city = $1 AND ts >= $2 AND ts < $3 ORDER BY ts', [city, new Date(NOW), new Date(NOW + 24 * HOUR_MS)]),
    // A plain or bitmap index scan, as long as both the city and the time range are index conditions.
    /(Index Scan using|Bitmap Index Scan on) weather_pkey[\s\S]*Index Cond: .*city = .*ts >= .*ts < /,
  );
  assert.match(await plan(db, 'SELECT ts FROM demand_history WHERE city = $1 ORDER BY ts', [city]), /demand_history_pkey/);
});
