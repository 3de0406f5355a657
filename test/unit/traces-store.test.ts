// The trace store's retention: bounded by count and bytes, fast traces evicted first, slow and
// failed traces kept through heavy fast traffic, and each option validated.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { configuredTraceStore } from '../../src/agent/trace-store.js';
import { readAgentConfig } from '../../src/config/agent.js';
import { KEPT_ATTRIBUTE, SlowThreshold } from '../../src/telemetry/slow-threshold.js';
import { sharedTraceStore, TraceStore } from '../../src/traces/index.js';
import { cacheGet, harness, query, server } from './traces-fixtures.js';

const fast = (i: number) =>
  server('/api/v1/forecast/:city/:date', 0, 2, [cacheGet(true, 0.1, 0.2), { name: 'serialize', start: 0.3, end: 0.5, attributes: { n: i } }]);

test('a slow and a failed trace survive 10,000 fast ones; count and byte budget hold throughout', () => {
  const h = harness({ maxTraces: 500, maxBytes: 400_000 });
  const slow = h.record(server('/api/v1/predict', 0, 750, [query('SELECT 1', 1, 700)]));
  const failed = h.record(server('/api/v1/predict', 0, 20, [], 503));
  let maxBytes = 0;
  for (let i = 0; i < 10_000; i++) {
    h.record(fast(i));
    const s = h.store.stats();
    maxBytes = Math.max(maxBytes, s.bytes);
    assert.ok(s.traces <= 500, `trace count ${s.traces} over 500`);
  }
  const stats = h.store.stats();
  assert.ok(maxBytes <= 400_000, `byte estimate peaked at ${maxBytes}, over the 400000 budget`);
  assert.ok(stats.evicted >= 9_500, `expected evictions, got ${stats.evicted}`);
  assert.equal(stats.retained, 2);
  assert.equal(h.store.get(slow)?.retained, 'slow');
  assert.equal(h.store.get(slow)?.spanCount, 2, 'the slow trace is complete');
  assert.equal(h.store.get(failed)?.retained, 'error');
  assert.ok(stats.fast > 100, 'recent fast traces are still listed');
});

test('a slow request in flight keeps its children while fast traffic passes, then is retained', () => {
  const h = harness({ maxTraces: 200 });
  const tracer = h.provider.getTracer('t');
  const t0 = Date.now();
  const root = tracer.startSpan('GET /slow', { kind: SpanKind.SERVER, startTime: t0, attributes: { 'http.route': '/slow' } });
  const ctx = trace.setSpan(context.active(), root);
  tracer.startSpan('db', { startTime: t0 + 1 }, ctx).end(t0 + 400);
  for (let i = 0; i < 10_000; i++) h.record(fast(i));
  root.end(t0 + 900);
  const detail = h.store.get(root.spanContext().traceId);
  assert.equal(detail?.spanCount, 2);
  assert.equal(detail?.retained, 'slow');
});

test('the byte budget holds with large attributes, and the estimate grows with attribute size', () => {
  const h = harness({ maxTraces: 10_000, maxBytes: 200_000 });
  const big = 'x'.repeat(2000);
  for (let i = 0; i < 1000; i++) {
    h.record({ ...server('/big', 0, 1), attributes: { 'http.route': '/big', payload: big } });
    assert.ok(h.store.stats().bytes <= 200_000);
  }
  const perTrace = h.store.stats().bytes / h.store.stats().traces;
  assert.ok(perTrace > 4000, `a 2000-char attribute must cost at least 4 kB in the estimate, got ${perTrace}`);
});

test('retained traces are capped at their share: a flood of errors leaves room for recent fast traces', () => {
  const h = harness({ maxTraces: 100, retainedShare: 0.5 });
  for (let i = 0; i < 1000; i++) {
    h.record(server('/err', 0, 1, [], 500));
    h.record(fast(i));
  }
  const s = h.store.stats();
  assert.ok(s.retained <= 51, `retained ${s.retained} over its share`);
  assert.ok(s.fast >= 49, `fast ${s.fast}`);
});

test('traces whose root never ends are capped at a quarter of the budget', () => {
  const h = harness({ maxTraces: 100 });
  const tracer = h.provider.getTracer('t');
  for (let i = 0; i < 500; i++) {
    const root = tracer.startSpan('never-ends');
    tracer.startSpan('child', {}, trace.setSpan(context.active(), root)).end();
    h.record(fast(i));
  }
  const s = h.store.stats();
  assert.ok(s.open <= 26, `open ${s.open}`);
  assert.ok(s.fast >= 74, `fast ${s.fast}`);
});

test('a late failed span moves a finished fast trace to the retained tier', () => {
  const h = harness();
  const tracer = h.provider.getTracer('t');
  const root = tracer.startSpan('GET /x', { kind: SpanKind.SERVER });
  const ctx = trace.setSpan(context.active(), root);
  const late = tracer.startSpan('background', {}, ctx);
  root.end();
  assert.equal(h.store.get(root.spanContext().traceId)?.retained, null);
  late.setStatus({ code: 2 });
  late.end();
  assert.equal(h.store.get(root.spanContext().traceId)?.retained, 'error');
});

test('spans past maxSpansPerTrace are counted, not kept', () => {
  const h = harness({ maxSpansPerTrace: 5 });
  const children = Array.from({ length: 10 }, (_, i) => query(`SELECT ${i}`, i, i + 1));
  const id = h.record(server('/many', 0, 20, children));
  const d = h.store.get(id)!;
  assert.equal(d.droppedSpans, 6, 'ten children and a root: five kept');
  assert.equal(d.spanCount, 11);
});

test("slowThresholdMs 'p95' retains the slowest 5% once enough roots were seen", () => {
  const h = harness({ slowThresholdMs: 'p95', maxTraces: 5000 });
  for (let i = 0; i < 1024; i++) h.record(server('/p', 0, 1 + (i % 100)));
  const threshold = h.store.stats().slowThresholdMs;
  assert.ok(threshold >= 90 && threshold <= 100, `p95 of 1..100 ms, got ${threshold}`);
  const id = h.record(server('/p', 0, 99));
  assert.equal(h.store.get(id)?.retained, 'slow');
});

test('a shared p95 threshold: the tail decision\'s verdict on a kept root stands, and it is not counted twice', () => {
  const shared = new SlowThreshold('p95');
  const h = harness({ slowThreshold: shared, maxTraces: 5000 });
  assert.equal(h.store.options.slowThresholdMs, 'p95', 'the options show the shared threshold\'s mode');
  // Twenty unsampled requests the tail decision observed: five of 10 ms, fifteen of 1 ms.
  for (let i = 0; i < 20; i++) shared.observe(i < 5 ? 10 : 1);
  assert.equal(h.store.stats().slowThresholdMs, 10, 'the store reads the threshold the tail decision fed');
  // Kept as slow by the tail decision at 5 ms, under the threshold since: still slow here.
  const spec = server('/kept', 0, 5);
  const kept = h.record({ ...spec, attributes: { ...spec.attributes, [KEPT_ATTRIBUTE]: 'slow' } });
  assert.equal(h.store.get(kept)?.retained, 'slow');
  // The p95 is recomputed at the 128th observation: 107 more roots make 127 unless the kept one was counted again.
  for (let i = 0; i < 107; i++) h.record(server('/fast', 0, 1));
  assert.equal(h.store.stats().slowThresholdMs, 10, 'the kept root was not observed a second time');
  h.record(server('/fast', 0, 1));
  assert.equal(h.store.stats().slowThresholdMs, 1, 'p95 of 5 × 10 ms and 123 × 1 ms');
});

test('shutdown stops recording; clear empties the store', async () => {
  const h = harness();
  h.record(fast(0));
  h.store.clear();
  assert.equal(h.store.stats().traces, 0);
  assert.equal(h.store.stats().bytes, 0);
  await h.store.shutdown();
  h.record(fast(1));
  assert.equal(h.store.stats().traces, 0);
});

test('options are validated, each with a message naming it', () => {
  assert.throws(() => new TraceStore({ maxTraces: 0 }), /maxTraces must be a positive integer, got 0/);
  assert.throws(() => new TraceStore({ maxBytes: 1.5 }), /maxBytes must be a positive integer/);
  assert.throws(() => new TraceStore({ maxSpansPerTrace: -1 }), /maxSpansPerTrace/);
  assert.throws(() => new TraceStore({ retainedShare: 0 }), /retainedShare must be in \(0, 1\]/);
  assert.throws(() => new TraceStore({ retainedShare: 1.5 }), /retainedShare/);
  assert.throws(() => new TraceStore({ slowThresholdMs: -5 }), /slowThresholdMs must be a number of ms >= 0 or 'p95'/);
  assert.throws(() => new TraceStore({ slowThresholdMs: 'p99' as 'p95' }), /slowThresholdMs/);
  assert.equal(new TraceStore().options.slowThresholdMs, 500);
});

test('the shared store: one per process, configured by the agent\'s variables, off with FORESIGHT_TRACE_STORE=off', () => {
  const config = (env: NodeJS.ProcessEnv) => readAgentConfig(env, (message) => assert.fail(message));
  assert.equal(configuredTraceStore(config({ FORESIGHT_TRACE_STORE: 'off' })), undefined);
  assert.equal(configuredTraceStore(config({ FORESIGHT_TRACE_STORE: 'False' })), undefined);
  const a = configuredTraceStore(config({ TRACE_STORE_MAX_TRACES: '77', TRACE_STORE_MAX_BYTES: '100000', TRACE_SLOW_MS: ' P95 ' }));
  assert.equal(a?.options.maxTraces, 77);
  assert.equal(a?.options.maxBytes, 100000);
  assert.equal(a?.options.slowThresholdMs, 'p95');
  assert.equal(configuredTraceStore(config({})), a, 'the first call configures it');
  assert.equal(sharedTraceStore(), a, 'the server finds the agent\'s store');
});
