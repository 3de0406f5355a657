// The sequential-calls check on spans from the real OpenTelemetry SDK, not hand-made ones:
// the SDK starts a span at a millisecond-resolution wall clock and ends it at start plus a
// high-resolution delta, so two calls made strictly one after the other can appear to overlap
// by up to a millisecond. The check must still see them as sequential.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { sequentialRuns } from '../../src/traces/analyse/sequential-calls.js';
import { toStoredSpan } from '../../src/traces/span-record.js';

test('60 pairs of back-to-back real client spans are all found sequential', async () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer('probe');
  const busy = async (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until) await new Promise((r) => setImmediate(r));
  };
  const pairs = 60;
  let overlapping = 0;
  for (let i = 0; i < pairs; i++) {
    const parent = tracer.startSpan('GET /probe', { kind: SpanKind.SERVER });
    const ctx = trace.setSpan(context.active(), parent);
    for (const statement of ['SELECT 1', 'SELECT 2']) {
      const call = tracer.startSpan(`pg.query:${statement}`, { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.query.text': statement } }, ctx);
      await busy(0.3 + Math.random() * 0.7);
      call.end();
    }
    parent.end();
  }
  const spans = exporter.getFinishedSpans().map(toStoredSpan);
  const byParent = new Map<string, typeof spans>();
  for (const s of spans) if (s.parentSpanId) byParent.set(s.parentSpanId, [...(byParent.get(s.parentSpanId) ?? []), s]);
  assert.equal(byParent.size, pairs);
  let found = 0;
  for (const children of byParent.values()) {
    const [a, b] = [...children].sort((x, y) => x.startMs - y.startMs);
    if (b!.startMs < a!.endMs) overlapping++;
    if (sequentialRuns(children).length === 1) found++;
  }
  assert.equal(found, pairs, `${pairs - found} of ${pairs} sequential pairs missed (${overlapping} appear to overlap by the SDK's clocks)`);
  await provider.shutdown();
});
