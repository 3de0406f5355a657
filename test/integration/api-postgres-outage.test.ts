// Postgres goes away under a running instance (its connections cut, new ones refused) and comes
// back: every call that needs it answers 503 DATABASE_UNAVAILABLE with Retry-After, never 500;
// cached forecasts are still served; readiness says degraded; a threshold change is refused and
// nothing changes (persist, then apply); once Postgres is back everything answers without a restart.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { afterAll, test } from 'vitest';
import pg from 'pg';
import type { RunningServer } from '../../src/server/index.js';
import { faultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { call, startInProcess } from '../helpers/in-process.js';
import { adminSql, requireService, schemaScopedUrl, testDatabaseUrl } from '../helpers/services.js';

const schema = `outage_${crypto.randomBytes(4).toString('hex')}`;
const ADMIN = { authorization: 'Bearer outage-token' };
let server: RunningServer | undefined;
let proxy: FaultProxy | undefined;
let created = false;
afterAll(async () => {
  await proxy?.up().catch(() => {});
  await server?.close();
  await proxy?.close();
  if (created) await adminSql(`DROP SCHEMA ${schema} CASCADE`);
});

const day = (offset: number) => new Date(Date.parse(new Date().toISOString().slice(0, 10)) + offset * 86_400_000).toISOString().slice(0, 10);

async function thresholdRows(): Promise<Array<{ name: string; level: string; new: number }>> {
  const client = new pg.Client({ connectionString: testDatabaseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query('SELECT name, level, new FROM threshold_changes ORDER BY id')).rows;
  } finally {
    await client.end();
  }
}

test('Postgres outage: 503 with Retry-After, cached forecasts served, readiness degraded, thresholds unchanged, recovery without restart', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  await adminSql(`CREATE SCHEMA ${schema}`);
  created = true;
  const target = new URL(testDatabaseUrl);
  proxy = await faultProxy({ host: target.hostname, port: Number(target.port) });
  server = await startInProcess({
    DATABASE_URL: proxy.via(schemaScopedUrl(schema)),
    SEED_CITIES: '3',
    SEED_DAYS: '30',
    ADMIN_TOKEN: 'outage-token',
    DB_STATEMENT_TIMEOUT_MS: '2000',
  });
  const url = server.url;
  const city: string = (await call(url, '/api/v1/cities')).body.data.cities[0].slug;
  assert.equal((await call(url, `/api/v1/forecast/${city}/${day(-1)}`)).status, 200, 'forecast cached before the outage');
  const warningBefore = (await call(url, '/api/v1/performance/thresholds')).body.data.thresholds.find((x: { name: string }) => x.name === 'cache_hit_rate').warning;

  await proxy.down();
  const outage = {
    cached: await call(url, `/api/v1/forecast/${city}/${day(-1)}`),
    forecast: await call(url, `/api/v1/forecast/${city}/${day(-2)}`),
    predict: await call(url, '/api/v1/predict', { body: { city, timestamp: `${day(-3)}T05:00:00Z` } }),
    cities: await call(url, '/api/v1/cities'),
    alerts: await call(url, '/api/v1/performance/alerts'),
    threshold: await call(url, '/api/v1/performance/thresholds', { method: 'PUT', headers: ADMIN, body: { cache_hit_rate: { warning: 77 } } }),
  };
  assert.equal(outage.cached.status, 200, 'a cached forecast is still served');
  for (const [name, r] of Object.entries(outage).filter(([n]) => n !== 'cached')) {
    assert.equal(r.status, 503, `${name}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.code, 'DATABASE_UNAVAILABLE', name);
    assert.match(r.headers.get('retry-after') ?? '', /^\d+$/, `${name} says when to retry`);
  }
  const thresholds = (await call(url, '/api/v1/performance/thresholds')).body.data.thresholds;
  assert.equal(thresholds.find((x: { name: string }) => x.name === 'cache_hit_rate').warning, warningBefore, 'the refused change is not in force');
  const ready = await call(url, '/readyz');
  assert.equal(ready.status, 200, 'still in rotation: cached forecasts are served');
  assert.equal(ready.body.status, 'degraded');
  assert.equal(ready.body.components.database.status, 'down');

  // Mixed traffic during the outage: no 5xx other than 503.
  const statuses = new Map<number, number>();
  const paths = [`/api/v1/forecast/${city}/${day(-1)}`, `/api/v1/forecast/${city}/${day(-4)}`, '/api/v1/cities', '/api/v1/performance/alerts'];
  for (let i = 0; i < 200; i++) {
    const s = (await call(url, paths[i % paths.length]!)).status;
    statuses.set(s, (statuses.get(s) ?? 0) + 1);
  }
  assert.deepEqual([...statuses.keys()].sort(), [200, 503], JSON.stringify(Object.fromEntries(statuses)));
  await t.annotate(`during the outage: ${JSON.stringify(Object.fromEntries(statuses))}`);

  await proxy.up();
  const back = Date.now();
  while ((await call(url, '/api/v1/cities')).status !== 200) {
    assert.ok(Date.now() - back < 15_000, 'the API recovers within 15 s of Postgres coming back');
    await new Promise((r) => setTimeout(r, 100));
  }
  await t.annotate(`recovered ${Date.now() - back} ms after Postgres came back`);
  assert.equal((await call(url, `/api/v1/forecast/${city}/${day(-2)}`)).status, 200);
  assert.equal((await call(url, '/readyz')).body.status, 'ready');
  const saved = await call(url, '/api/v1/performance/thresholds', { method: 'PUT', headers: ADMIN, body: { cache_hit_rate: { warning: 66 } } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.deepEqual(await thresholdRows(), [{ name: 'cache_hit_rate', level: 'warning', new: 66 }], 'only the accepted change was saved');
});
