// Drives traffic through a real `foresight start` process and reads its /metrics endpoint:
// every seed 000 metric with its labels, runtime metrics, and values that move with traffic.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import { find, scrape, type Sample } from '../helpers/prom-text.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';

let server: SpawnedServer;
let cities: string[];
const day = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  server = await spawnServer();
  const body = (await (await fetch(`${server.url}/api/v1/cities`)).json()) as { data: { cities: Array<{ slug: string }> } };
  cities = body.data.cities.map((c) => c.slug);
});
afterAll(async () => {
  await server?.stop();
});

const get = (path: string) => fetch(server.url + path).then((r) => r.status);
const hitRatio = (s: Sample[]) => find(s, 'cache_hit_ratio')[0]?.value ?? NaN;

test('every seed metric is exported with its labels and sensible values', async () => {
  // Misses first: one forecast per city, then a 404 on an unknown path.
  for (const c of cities) assert.equal(await get(`/api/v1/forecast/${c}/${day}`), 200);
  assert.equal(await get('/no/such/path/123'), 404);
  const afterMisses = await scrape(server.metricsUrl);
  const missRatio = hitRatio(afterMisses);

  // Then hits only: the ratio must rise.
  for (let i = 0; i < 5; i++) for (const c of cities) await get(`/api/v1/forecast/${c}/${day}`);
  const s = await scrape(server.metricsUrl);
  assert.ok(hitRatio(s) > missRatio, `cache_hit_ratio ${missRatio} -> ${hitRatio(s)} must rise after hits`);
  assert.ok(hitRatio(s) > 0.5 && hitRatio(s) <= 1);

  const route = { endpoint: '/api/v1/forecast/:city/:date', method: 'GET', status: '200' };
  const total = find(s, 'request_total', route);
  assert.equal(total.length, 1, 'request_total for the forecast route pattern');
  assert.equal(total[0]!.value, cities.length * 6);
  assert.ok(find(s, 'request_latency_seconds_bucket', route).length > 5, 'latency histogram buckets');
  assert.equal(find(s, 'request_latency_seconds_count', route)[0]?.value, cities.length * 6);
  assert.equal(find(s, 'request_total', { endpoint: 'unmatched', status: '404' })[0]?.value, 1, 'unmatched paths collapse');
  assert.equal(
    s.filter((x) => x.name === 'request_total' && x.labels.endpoint?.includes(cities[0]!)).length,
    0,
    'no raw path may appear as an endpoint label',
  );

  const inference = find(s, 'model_inference_total', { model_name: 'energy_demand_ridge' });
  assert.ok(inference.length >= 1 && inference.every((x) => x.labels.batch_size), 'model_inference_total{model_name,batch_size}');
  assert.ok(find(s, 'model_inference_seconds_bucket', { model_name: 'energy_demand_ridge' }).length > 0);
  assert.ok(find(s, 'cache_operation_seconds_count', { operation: 'get' })[0]!.value >= cities.length * 6);
  assert.ok(find(s, 'cache_operation_seconds_count', { operation: 'set' })[0]!.value >= cities.length);
  const dbTypes = find(s, 'db_query_seconds_count').map((x) => x.labels.query_type);
  assert.ok(dbTypes.length > 0 && dbTypes.every(Boolean), `db_query_seconds{query_type}: ${dbTypes.join(', ')}`);
  const pool = find(s, 'db_connection_pool_size')[0];
  assert.ok(pool && pool.value >= 1, 'db_connection_pool_size');
  assert.ok(find(s, 'batch_size_count')[0]!.value >= 1);
  assert.ok(find(s, 'batch_size_sum')[0]!.value >= cities.length, 'every miss went through a batch');
  assert.ok(find(s, 'batch_processing_seconds_count')[0]!.value >= 1);
  assert.equal(find(s, 'batch_queue_size')[0]?.value, 0, 'batch_queue_size is exported and drained when idle');
  const accuracy = find(s, 'model_accuracy_mape');
  assert.equal(accuracy.length, cities.length, 'model_accuracy_mape for every loaded model');
  assert.ok(accuracy.every((a) => a.labels.city && a.labels.model_version === '1' && a.value > 0 && a.value < 6));
});

test('runtime metrics: event-loop delay, heap, CPU and RSS', async () => {
  const names = new Set((await scrape(server.metricsUrl)).map((x) => x.name));
  const has = (re: RegExp) => [...names].some((n) => re.test(n));
  assert.ok(has(/eventloop.*delay/), 'event-loop delay');
  assert.ok(has(/heap/), 'heap');
  assert.ok(has(/cpu/), 'CPU');
  assert.ok(has(/(rss|resident)/), 'RSS');
});
