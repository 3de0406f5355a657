// One cache-miss forecast through a real `foresight start` process exports one trace to a real
// OTLP/HTTP receiver: the route-named HTTP server span, the cache lookup, the pg query for the
// weather input, the batch span and the inference span, all in one tree.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import { SpanKindNumber, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../helpers/otlp-receiver.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';

let receiver: OtlpReceiver;
let server: SpawnedServer;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  server = await spawnServer({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '100',
  });
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

function ancestors(span: ReceivedSpan, byId: Map<string, ReceivedSpan>): string[] {
  const names: string[] = [];
  for (let p = byId.get(span.parentSpanId); p; p = byId.get(p.parentSpanId)) names.push(p.name);
  return names;
}

test('a cache-miss forecast is one trace: HTTP → cache.get → pg query → batch.wait → batch.process → model.inference', async () => {
  const day = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const res = await fetch(`${server.url}/api/v1/forecast/berlin/${day}`);
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { data: { cached: boolean } }).data.cached, false);

  const isRoot = (s: ReceivedSpan) => s.kind === SpanKindNumber.SERVER && s.attributes['http.route'] === '/api/v1/forecast/:city/:date';
  const spans = await receiver.waitFor((all) => {
    const root = all.find(isRoot);
    return Boolean(root && all.some((s) => s.traceId === root.traceId && s.name === 'model.inference'));
  }, 15_000);
  const root = spans.find(isRoot)!;
  const trace = spans.filter((s) => s.traceId === root.traceId);
  const byId = new Map(trace.map((s) => [s.spanId, s]));
  const named = (pred: (s: ReceivedSpan) => boolean, what: string) => {
    const s = trace.find(pred);
    assert.ok(s, `${what} missing; trace has: ${trace.map((x) => x.name).join(', ')}`);
    return s;
  };

  assert.equal(root.name, 'GET /api/v1/forecast/:city/:date', 'server span named by route, not raw path');
  assert.equal(trace.filter((s) => s.kind === SpanKindNumber.SERVER).length, 1, 'exactly one server span');
  const cacheGet = named((s) => s.name === 'cache.get', 'cache lookup span');
  assert.equal(cacheGet.attributes['cache.hit'], false);
  const query = named((s) => s.kind === SpanKindNumber.CLIENT && s.attributes['db.system.name'] === 'postgresql', 'pg query span');
  const batch = named((s) => s.name === 'batch.process', 'batch span');
  const inference = named((s) => s.name === 'model.inference', 'inference span');

  for (const s of [cacheGet, query, batch, inference]) {
    assert.ok(ancestors(s, byId).includes(root.name), `${s.name} must descend from the server span`);
  }
  assert.ok(ancestors(inference, byId).includes('batch.process'), 'inference runs inside the batch span');
  // The time between the weather query and the batch is named: the item's wait for its batch.
  const wait = named((s) => s.name === 'batch.wait', 'batch wait span');
  assert.ok(ancestors(wait, byId).includes(root.name));
  const gapMs = Number(batch.startNs - wait.endNs) / 1e6;
  // The weather query now runs inside the batch (one query per batch), so the wait is what comes
  // between the item's arrival and its batch's start; half a millisecond of slack for two clocks.
  assert.ok(gapMs >= -0.5 && gapMs < 50, `from the query end to the batch start (gap ${gapMs} ms)`);
  assert.equal(typeof wait.attributes['batch.wait_ms'], 'number');
  assert.ok(inference.startNs >= root.startNs && inference.endNs <= root.endNs, 'child spans lie within the request');

  // The request's log line names the server span it was written in, once: the agent's pino
  // instrumentation would add its own ids (and trace_flags) beside the logger's.
  const line = server
    .output()
    .split('\n')
    .filter((l) => l.includes('"API request processed"'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => l.trace_id === root.traceId);
  assert.ok(line, `no request log line with trace_id ${root.traceId}`);
  assert.equal(line.span_id, root.spanId);
  assert.equal(line.trace_flags, undefined);
});

test('a cache hit is a short trace without a database query', async () => {
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  const forecastServerSpans = (all: ReceivedSpan[]) =>
    all.filter((s) => s.kind === SpanKindNumber.SERVER && s.name.startsWith('GET /api/v1/forecast'));
  await fetch(`${server.url}/api/v1/forecast/paris/${day}`);
  // Let the miss's trace arrive first, so the next server span is the hit's.
  const seen = forecastServerSpans(await receiver.waitFor((all) => forecastServerSpans(all).length >= 2, 15_000)).length;
  const before = receiver.spans.length;
  await fetch(`${server.url}/api/v1/forecast/paris/${day}`);
  const spans = await receiver.waitFor((all) => forecastServerSpans(all).length > seen, 15_000);
  const root = spans.slice(before).find((s) => s.kind === SpanKindNumber.SERVER)!;
  const trace = spans.filter((s) => s.traceId === root.traceId);
  const lookup = trace.find((s) => s.name === 'cache.get');
  assert.equal(lookup?.attributes['cache.hit'], true);
  assert.equal(trace.filter((s) => s.attributes['db.system.name'] === 'postgresql').length, 0);
});
