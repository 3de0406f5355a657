// Trace queries: list filters and ordering, the span tree with offsets, events and the
// critical path, and the exemplar for alerts.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { flatten } from '../../src/traces/tree.js';
import { cacheGet, harness, query, server } from './traces-fixtures.js';

function seeded() {
  const h = harness();
  const a = h.record(server('/a', 0, 10), 1000);
  const b = h.record(server('/b', 0, 700), 1000);
  const c = h.record(server('/a', 0, 40, [], 500), 1000);
  const d = h.record(server('/a', 0, 25), 1000);
  return { h, a, b, c, d };
}

test('list: slowest first by default; route, minDurationMs, status, since, limit and order filter', () => {
  const { h, a, b, c, d } = seeded();
  const ids = (q: Parameters<typeof h.store.list>[0]) => h.store.list(q).map((t) => t.traceId);
  assert.deepEqual(ids({}), [b, c, d, a]);
  assert.deepEqual(ids({ route: '/a' }), [c, d, a]);
  assert.deepEqual(ids({ minDurationMs: 25 }), [b, c, d]);
  assert.deepEqual(ids({ status: 'error' }), [c]);
  assert.deepEqual(ids({ status: 'ok', route: '/a' }), [d, a]);
  assert.deepEqual(ids({ since: h.now() - 1500 }), [c, d]);
  assert.deepEqual(ids({ limit: 2 }), [b, c]);
  assert.deepEqual(ids({ order: 'recent' }), [d, c, b, a]);
  assert.deepEqual(ids({ route: '/nope' }), []);
});

test('list: a summary carries the root, route, duration, span count, error flag, start time and retention', () => {
  const { h, c } = seeded();
  const s = h.store.list({ status: 'error' })[0]!;
  assert.equal(s.traceId, c);
  assert.equal(s.rootName, 'GET /a');
  assert.equal(s.route, '/a');
  assert.equal(s.durationMs, 40);
  assert.equal(s.spanCount, 1);
  assert.equal(s.error, true);
  assert.equal(s.retained, 'error');
  assert.match(s.startTime, /^2030-01-01T00:00:0\dZ|^2030-01-01T00:00:0\d\.\d{3}Z$/);
});

test('get: the span tree with offsets, depths, attributes, events and the critical path', () => {
  const h = harness();
  const id = h.record(
    server('/api/v1/forecast/:city/:date', 0, 50, [
      cacheGet(false, 1, 2),
      { ...query('SELECT weather', 3, 13), events: [{ name: 'rows', at: 12, attributes: { count: 24 } }] },
      {
        name: 'batch.process',
        start: 14,
        end: 45,
        children: [
          { name: 'model.inference', start: 20, end: 44 },
          { name: 'queue.wait', start: 14, end: 20 },
        ],
      },
    ]),
  );
  const d = h.store.get(id)!;
  assert.equal(d.durationMs, 50);
  assert.equal(d.spanCount, 6);
  assert.equal(d.spans.length, 1, 'one top-level span: the root');
  const flat = flatten(d.spans);
  assert.deepEqual(
    flat.map((s) => [s.name, s.depth, s.offsetMs, s.durationMs]),
    [
      ['GET /api/v1/forecast/:city/:date', 0, 0, 50],
      ['cache.get', 1, 1, 1],
      ['pg.query:SELECT foresight', 1, 3, 10],
      ['batch.process', 1, 14, 31],
      ['queue.wait', 2, 14, 6],
      ['model.inference', 2, 20, 24],
    ],
  );
  const names = new Map(flat.map((s) => [s.spanId, s.name]));
  assert.deepEqual(d.criticalPath.map((id) => names.get(id)), ['GET /api/v1/forecast/:city/:date', 'batch.process', 'model.inference']);
  assert.deepEqual(flat.filter((s) => s.critical).map((s) => s.name), ['GET /api/v1/forecast/:city/:date', 'batch.process', 'model.inference']);
  const pg = flat[2]!;
  assert.equal(pg.kind, 'CLIENT');
  assert.equal(pg.attributes['db.query.text'], 'SELECT weather');
  assert.deepEqual(pg.events, [{ name: 'rows', offsetMs: 12, attributes: { count: 24 } }]);
  assert.equal(flat[0]!.status.code, 'UNSET');
});

test('get: failed spans carry ERROR with the message; unknown ids answer undefined', () => {
  const h = harness();
  const id = h.record({ ...server('/x', 0, 5, [{ name: 'boom', start: 1, end: 2, error: true }]) });
  const d = h.store.get(id)!;
  assert.equal(d.error, true);
  assert.deepEqual(flatten(d.spans)[1]!.status, { code: 'ERROR', message: 'boom failed' });
  assert.equal(h.store.get('0'.repeat(32)), undefined);
});

test('get: a span whose parent is not in the store becomes a top-level span after the root', () => {
  const h = harness();
  const tracer = h.provider.getTracer('t');
  const root = tracer.startSpan('GET /x', { kind: SpanKind.SERVER });
  const unfinished = tracer.startSpan('never-ended', {}, trace.setSpan(context.active(), root));
  tracer.startSpan('leaf', {}, trace.setSpan(context.active(), unfinished)).end();
  root.end();
  const d = h.store.get(root.spanContext().traceId)!;
  assert.deepEqual(d.spans.map((s) => s.name), ['GET /x', 'leaf']);
  assert.deepEqual(d.criticalPath, [root.spanContext().spanId]);
});

test('slowestTrace: the slowest trace started in the window, optionally of one route', () => {
  const { h, b, c } = seeded();
  const t0 = h.now() - 4000;
  assert.equal(h.store.slowestTrace({ sinceMs: t0, untilMs: h.now() })?.traceId, b);
  assert.deepEqual(h.store.slowestTrace({ route: '/a', sinceMs: t0, untilMs: h.now() }), { traceId: c, durationMs: 40 });
  assert.equal(h.store.slowestTrace({ sinceMs: h.now() + 1, untilMs: h.now() + 10 }), undefined);
});

test('list: kind=server keeps request traces, kind=background the rest (start-up training)', () => {
  const h = harness();
  const request = h.record(server('/api/v1/forecast/:city/:date', 0, 20));
  const training = h.record({ name: 'model.train', start: 0, end: 400, attributes: { city: 'berlin' } });
  assert.deepEqual(h.store.list({ kind: 'server' }).map((t) => t.traceId), [request]);
  assert.deepEqual(h.store.list({ kind: 'background' }).map((t) => t.traceId), [training]);
  assert.equal(h.store.list({}).length, 2);
});
