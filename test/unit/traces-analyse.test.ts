// Trace-based recommendations on synthetic traces: N+1 queries, sequential calls that could
// overlap, and routes dominated by cache misses; and no finding where there is none.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { SpanKind } from '@opentelemetry/api';
import { analyseTraces } from '../../src/traces/index.js';
import { cacheGet, harness, query, server } from './traces-fixtures.js';

const analyse = (h: ReturnType<typeof harness>) => analyseTraces(h.store, { now: () => h.now() + 1000 });
const shape = ['id', 'category', 'priority', 'title', 'description', 'impact', 'effort', 'implementation', 'created_at', 'reason', 'example_traces'];

test('N+1: the same statement three times or more in one request is reported once per route and statement', () => {
  const h = harness();
  const loop = (n: number) => Array.from({ length: n }, (_, i) => query('SELECT * FROM weather WHERE city_id = $1', i * 3, i * 3 + 2));
  const worst = h.record(server('/api/v1/cities', 0, 40, loop(12)));
  h.record(server('/api/v1/cities', 0, 12, loop(4)));
  h.record(server('/api/v1/other', 0, 10, loop(2)));
  const recs = analyse(h);
  assert.equal(recs.length, 1, JSON.stringify(recs, null, 2));
  const r = recs[0]!;
  assert.deepEqual(Object.keys(r), shape);
  assert.equal(r.category, 'database');
  assert.equal(r.priority, 'high', '12 repeats');
  assert.match(r.title, /Repeated query in \/api\/v1\/cities: up to 12 times per request/);
  assert.match(r.description, /SELECT \* FROM weather WHERE city_id = \$1/);
  assert.equal(r.example_traces[0], worst);
  assert.equal(r.example_traces.length, 2);
  assert.match(r.id, /^trace-n-plus-one-[0-9a-f]{12}$/);
});

test('sequential calls: non-overlapping different calls under one parent are reported with the saving', () => {
  const h = harness();
  const redis = { name: 'redis-GET', kind: SpanKind.CLIENT, start: 21, end: 31, attributes: { 'db.system.name': 'redis' } };
  const id = h.record(server('/api/v1/predict', 0, 50, [query('SELECT model', 1, 11), query('SELECT weather', 11, 21), redis]));
  const recs = analyse(h);
  assert.equal(recs.length, 1, JSON.stringify(recs, null, 2));
  const r = recs[0]!;
  assert.equal(r.category, 'latency');
  assert.match(r.title, /3 sequential calls in \/api\/v1\/predict could run in parallel/);
  assert.match(r.impact, /Up to 20 ms less latency/);
  assert.deepEqual(r.example_traces, [id]);
});

test('sequential calls: overlapping calls, short runs and repeats of one statement are not reported', () => {
  const h = harness();
  h.record(server('/parallel', 0, 30, [query('SELECT a', 1, 20), query('SELECT b', 2, 21)]));
  h.record(server('/short', 0, 5, [query('SELECT a', 1, 2), query('SELECT b', 2, 3)]));
  h.record(server('/repeat', 0, 30, [query('SELECT a', 1, 10), query('SELECT a', 10, 19)]));
  assert.deepEqual(analyse(h), []);
});

test('cache misses: a route whose time goes mostly to computing after misses is reported; a hit-dominated one is not', () => {
  const h = harness();
  const missed: string[] = [];
  for (let i = 0; i < 6; i++) {
    missed.push(h.record(server('/api/v1/forecast/:city/:date', 0, 40 + i, [cacheGet(false, 0.5, 1), { name: 'model.inference', start: 2, end: 39 }])));
    h.record(server('/api/v1/forecast/:city/:date', 0, 1, [cacheGet(true, 0.2, 0.4)]));
  }
  for (let i = 0; i < 10; i++) {
    h.record(server('/api/v1/cities', 0, 2, [cacheGet(true, 0.2, 0.4)]));
  }
  h.record(server('/api/v1/cities', 0, 3, [cacheGet(false, 0.2, 0.4)]));
  const recs = analyse(h);
  assert.equal(recs.length, 1, JSON.stringify(recs, null, 2));
  const r = recs[0]!;
  assert.equal(r.category, 'cache');
  assert.equal(r.priority, 'high');
  assert.equal(r.title, 'Cache misses dominate /api/v1/forecast/:city/:date');
  assert.match(r.description, /6 request\(s\) missed, taking 42\.5 ms on average vs 1 ms for a hit/);
  assert.equal(r.example_traces[0], missed[5]);
});

test('old traces (before sinceMs) are not analysed', () => {
  const h = harness();
  const loop = Array.from({ length: 5 }, (_, i) => query('SELECT 1', i, i + 1));
  h.record(server('/old', 0, 10, loop));
  assert.equal(analyseTraces(h.store, { now: () => h.now() + 16 * 60_000 }).length, 0);
  assert.equal(analyseTraces(h.store, { now: () => h.now() + 60_000 }).length, 1);
});

test('sequential calls: statements inside a transaction are not reported (one connection runs them in order)', () => {
  const h = harness();
  h.record(server('/tx', 0, 60, [query('BEGIN', 0, 1), query('SELECT a', 1, 20), query('UPDATE b', 20, 40), query('COMMIT', 40, 41)]));
  assert.deepEqual(analyse(h), []);
});

test('taking a connection is not a call that could run beside the query that needs it', () => {
  const h = harness();
  const connect = { name: 'pg-pool.connect', kind: SpanKind.CLIENT, start: 1, end: 15, attributes: { 'db.system.name': 'postgresql' } };
  h.record(server('/api/v1/forecast/:city/:date', 0, 40, [connect, query('SELECT weather', 15, 30)]));
  assert.deepEqual(analyse(h), [], 'pg-pool.connect then pg.query is one dependent step, not two parallelisable calls');
});

test("the console's own requests and the performance API get no advice", () => {
  const h = harness();
  const loop = Array.from({ length: 6 }, (_, i) => query('SELECT * FROM alerts WHERE id = $1', i * 3, i * 3 + 2));
  for (const route of ['/api/v1/performance/alerts', '/api/v1/traces', '/ui/']) {
    h.record(server(route, 0, 40, [...loop, query('SELECT a', 20, 30), query('SELECT b', 30, 40)]));
  }
  assert.deepEqual(analyse(h), []);
});
