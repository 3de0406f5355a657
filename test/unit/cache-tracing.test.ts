// The cache.get span: one per lookup, with cache.key, cache.hit and cache.tier; a computation on
// a miss runs beside it (its spans are siblings, not children).
import assert from 'node:assert/strict';
import { afterAll, test } from 'vitest';
import { trace } from '@opentelemetry/api';
import { node, tracing } from '@opentelemetry/sdk-node';
import { TieredCache } from '../../src/cache/index.js';
import { inSpan } from '../../src/telemetry/tracer.js';

const exporter = new tracing.InMemorySpanExporter();
const provider = new node.NodeTracerProvider({ spanProcessors: [new tracing.SimpleSpanProcessor(exporter)] });
provider.register();
afterAll(() => provider.shutdown());

test('get opens one cache.get span with hit and tier under a traced request; none outside one', async () => {
  exporter.reset();
  const cache = new TieredCache();
  await cache.set('k', 1);
  await cache.get('k');
  assert.equal(exporter.getFinishedSpans().length, 0, 'no trace of its own for an untraced lookup');
  await trace.getTracer('test').startActiveSpan('request', async (request) => {
    await cache.get('k');
    await cache.get('absent');
    request.end();
  });
  const spans = exporter.getFinishedSpans().filter((s) => s.name === 'cache.get');
  assert.equal(spans.length, 2);
  assert.deepEqual(
    spans.map((s) => s.attributes),
    [
      { 'cache.key': 'k', 'cache.hit': true, 'cache.tier': 'l1' },
      { 'cache.key': 'absent', 'cache.hit': false, 'cache.tier': 'miss' },
    ],
  );
  assert.ok(spans.every((s) => s.name === 'cache.get'));
});

test('getOrCompute: the computation\'s spans are siblings of cache.get under the request', async () => {
  exporter.reset();
  const cache = new TieredCache();
  await trace.getTracer('test').startActiveSpan('request', async (span) => {
    await cache.getOrCompute('k', () => inSpan('db.query', {}, async () => 5));
    await cache.getOrCompute('k', async () => 6);
    span.end();
  });
  const spans = exporter.getFinishedSpans();
  const request = spans.find((s) => s.name === 'request')!;
  const lookups = spans.filter((s) => s.name === 'cache.get');
  const db = spans.find((s) => s.name === 'db.query')!;
  assert.equal(lookups.length, 2, 'one span per lookup');
  assert.deepEqual(lookups.map((s) => s.attributes['cache.tier']), ['miss', 'l1']);
  for (const s of [...lookups, db]) assert.equal(s.parentSpanContext?.spanId, request.spanContext().spanId);
});
