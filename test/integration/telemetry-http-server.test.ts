// The Hono middleware against a real in-process SDK (startTelemetry, /metrics on port 0):
// route-pattern labels (also for routes on a sub-app mounted with app.route()), `unmatched`,
// status labels, and the route handed to the http server span through the RPC metadata.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { getRPCMetadata, RPCType, setRPCMetadata, type RPCMetadata } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Hono } from 'hono';
import { requestTelemetry, startTelemetry, type Telemetry } from '../../src/telemetry/index.js';
import { find, scrape } from '../helpers/prom-text.js';

let telemetry: Telemetry;
let metricsUrl: string;
const spans = new InMemorySpanExporter();

function buildApp(): Hono {
  const app = new Hono();
  app.use('*', requestTelemetry());
  app.notFound((c) => c.json({ status: 'error' }, 404));
  app.onError((_err, c) => c.json({ status: 'error' }, 500));
  const v1 = new Hono();
  v1.use('*', async (c, next) => {
    if (c.req.header('x-too-large')) return c.text('too large', 413);
    await next();
  });
  v1.get('/forecast/:city/:date', (c) => c.json({ city: c.req.param('city') }));
  v1.get('/boom', () => {
    throw new Error('boom');
  });
  app.route('/api/v1', v1);
  return app;
}

before(async () => {
  telemetry = await startTelemetry({
    env: {},
    instrumentations: [],
    metricsPort: 0,
    metricsHost: '127.0.0.1',
    spanProcessors: [new SimpleSpanProcessor(spans)],
  });
  assert.ok(telemetry.metricsPort! > 0, 'port 0 binds a free port and reports it');
  metricsUrl = `http://127.0.0.1:${telemetry.metricsPort}/metrics`;
});
after(() => telemetry.shutdown());

test('endpoint is the route pattern of a sub-app route, never the raw path', async () => {
  const app = buildApp();
  for (const city of ['berlin', 'paris', 'oslo']) assert.equal((await app.request(`/api/v1/forecast/${city}/2024-05-01`)).status, 200);
  const s = await scrape(metricsUrl);
  const labels = { endpoint: '/api/v1/forecast/:city/:date', method: 'GET', status: '200' };
  assert.equal(find(s, 'request_total', labels)[0]?.value, 3);
  assert.equal(find(s, 'request_latency_seconds_count', labels)[0]?.value, 3);
  assert.ok(find(s, 'request_latency_seconds_bucket', labels).length > 5);
  assert.equal(s.filter((x) => x.labels.endpoint?.includes('berlin')).length, 0);
});

test('unknown paths collapse to endpoint="unmatched" with their status', async () => {
  const app = buildApp();
  assert.equal((await app.request('/no/such/path/1')).status, 404);
  assert.equal((await app.request('/api/v1/no-such-thing')).status, 404);
  const s = await scrape(metricsUrl);
  assert.equal(find(s, 'request_total', { endpoint: 'unmatched', method: 'GET', status: '404' })[0]?.value, 2);
  assert.equal(s.filter((x) => x.name === 'request_total' && /\*|no-such/.test(x.labels.endpoint ?? '')).length, 0);
});

test('status is the numeric code: handler errors, middleware answers, odd methods', async () => {
  const app = buildApp();
  assert.equal((await app.request('/api/v1/boom')).status, 500);
  const blocked = await app.request('/api/v1/forecast/rome/2024-05-01', { headers: { 'x-too-large': '1' } });
  assert.equal(blocked.status, 413);
  await app.request('/api/v1/forecast/rome/2024-05-01', { method: 'PROPFIND' });
  const s = await scrape(metricsUrl);
  assert.equal(find(s, 'request_total', { endpoint: '/api/v1/boom', status: '500' })[0]?.value, 1);
  assert.equal(
    find(s, 'request_total', { endpoint: '/api/v1/forecast/:city/:date', status: '413' })[0]?.value,
    1,
    'a request answered by middleware keeps the route it was headed for',
  );
  assert.equal(find(s, 'request_total', { method: '_OTHER' }).length, 1, 'unknown methods collapse');
});

test('the route reaches the server span through the RPC metadata and http.route', async () => {
  const app = buildApp();
  spans.reset();
  const server = trace.getTracer('test').startSpan('GET', { kind: SpanKind.SERVER });
  const rpc: RPCMetadata = { type: RPCType.HTTP, span: server };
  const ctx = setRPCMetadata(trace.setSpan(context.active(), server), rpc);
  await context.with(ctx, () => app.request('/api/v1/forecast/lima/2024-05-01'));
  server.end();
  assert.equal(rpc.route, '/api/v1/forecast/:city/:date', 'the http instrumentation renames its span from this');

  // Without RPC metadata (no http instrumentation) the active span gets http.route itself.
  const bare = trace.getTracer('test').startSpan('GET', { kind: SpanKind.SERVER });
  await context.with(trace.setSpan(context.active(), bare), () => app.request('/api/v1/forecast/lima/2024-05-01'));
  bare.end();
  const recorded = spans.getFinishedSpans().find((s) => s.spanContext().spanId === bare.spanContext().spanId);
  assert.equal(recorded?.attributes['http.route'], '/api/v1/forecast/:city/:date');

  const unmatched: RPCMetadata = { type: RPCType.HTTP, span: server };
  await context.with(setRPCMetadata(context.active(), unmatched), () => app.request('/nowhere'));
  assert.equal(unmatched.route, undefined, 'no http.route for an unmatched request (it must stay low-cardinality)');
  assert.equal(getRPCMetadata(context.active()), undefined);
});

test('a span processor added after start starts receiving spans', async () => {
  const late = new InMemorySpanExporter();
  telemetry.addSpanProcessor!(new SimpleSpanProcessor(late));
  trace.getTracer('test').startSpan('late').end();
  assert.deepEqual(
    late.getFinishedSpans().map((s) => s.name),
    ['late'],
  );
});
