// The same API on real Postgres and real Redis (DATABASE_URL, REDIS_URL), and what happens when
// Redis dies under traffic: no 5xx, readiness degrades, and L2 resumes once Redis is back.
import assert from 'node:assert/strict';
import { afterAll, test } from 'vitest';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { RunningServer } from '../../src/server/index.js';
import { call, startInProcess } from '../helpers/in-process.js';
import { redisProcess, type RedisProcess } from '../helpers/redis-process.js';
import { requireService, testDatabaseUrl } from '../helpers/services.js';
import { waitFor } from '../helpers/wait-for.js';

let server: RunningServer | undefined;
let redis: RedisProcess | undefined;
afterAll(async () => {
  await server?.close();
  await redis?.stop();
});

async function freshDatabase(): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  await client.end();
}

test('real Postgres + Redis: forecasts served; Redis killed mid-traffic gives no 5xx; L2 resumes', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  await freshDatabase();
  redis = await redisProcess();
  await redis.start();
  server = await startInProcess({ DATABASE_URL: testDatabaseUrl, REDIS_URL: redis.url, SEED_DAYS: '45' });
  const url = server.url;
  const ready = await call(url, '/readyz');
  assert.equal(ready.body.components.database.detail, 'postgres');
  assert.equal(ready.body.components.cache.detail, 'redis connected');

  const cities: string[] = (await call(url, '/api/v1/cities')).body.data.cities.map((c: { slug: string }) => c.slug);
  const base = Date.parse(new Date().toISOString().slice(0, 10));
  let n = 0;
  const statuses: number[] = [];
  // Every request a forecast for a (city, day) pair, cycling so that some are L1 hits and some new.
  const traffic = async (count: number, daysAhead = false) => {
    for (let i = 0; i < count; i++, n++) {
      const offset = daysAhead ? (n % 13) + 1 : -(n % 30);
      const date = new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
      statuses.push((await call(url, `/api/v1/forecast/${cities[n % cities.length]}/${date}`)).status);
    }
  };

  await traffic(100);
  const probe = new Redis(redis.url);
  assert.ok((await probe.dbsize()) > 0, 'forecasts were written to Redis (L2)');
  probe.disconnect();

  // Traffic runs until 100 requests have been answered after Redis is gone, however fast or slow
  // the machine: a fixed amount could be over before the kill, and the outage never met.
  let redisGone = false;
  let afterKill = 0;
  const during = (async () => {
    while (!redisGone || afterKill < 100) {
      await traffic(1);
      if (redisGone) afterKill++;
    }
  })();
  const beforeKill = statuses.length;
  await waitFor('traffic under way', () => statuses.length >= beforeKill + 20);
  await redis.stop();
  redisGone = true;
  await during;
  assert.deepEqual([...new Set(statuses)], [200], 'every request succeeded while Redis went away');
  const degraded = await call(url, '/readyz');
  assert.equal(degraded.status, 200, 'a Redis outage degrades the cache but keeps the instance ready');
  assert.equal(degraded.body.components.cache.status, 'degraded');

  await redis.start();
  const reconnected = async () => (await call(url, '/readyz')).body.components.cache.detail === 'redis connected';
  await waitFor('Redis reconnect', reconnected, { timeoutMs: 15_000, intervalMs: 100 });
  const before = statuses.length;
  await traffic(100, true); // days not asked before: misses that must be written to L2 again
  assert.deepEqual([...new Set(statuses.slice(before))], [200]);
  const again = new Redis(redis.url);
  assert.ok((await again.dbsize()) > 0, 'L2 writes resumed on the restarted Redis');
  again.disconnect();
});
