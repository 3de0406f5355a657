// The agent's HTTP server path in-process, against a real SDK and real servers on loopback: a
// Hono app served by @hono/node-server, named as the Hono instrumentation names every instance,
// and a node:http server with Express's request fields. Route-pattern labels (also for sub-app
// routes), `unmatched`, status labels, `_OTHER`, the span named after its route, and the
// telemetry port's own requests left out.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, test } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Hono } from 'hono';
import { nameRoutes } from '../../src/telemetry/hono/instrumentation.js';
import { startTelemetry, type Telemetry } from '../../src/telemetry/index.js';
import { find, scrape } from '../helpers/prom-text.js';

let telemetry: Telemetry;
let metricsUrl: string;
let honoServer: ServerType;
let honoUrl: string;
let plainServer: http.Server;
let plainUrl: string;
const spans = new InMemorySpanExporter();

function buildApp(): Hono {
  const app = new Hono();
  // What the Hono instrumentation does to every instance (Hono is already loaded here).
  nameRoutes(app as unknown as Parameters<typeof nameRoutes>[0]);
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

const listen = (server: http.Server) => new Promise<string>((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

beforeAll(async () => {
  telemetry = await startTelemetry({
    // Every request traced: the default rate (10 new traces a second) would skip some of these.
    env: { OTEL_TRACES_SAMPLER: 'always_on' },
    instrumentations: ['http'],
    metricsPort: 0,
    metricsHost: '127.0.0.1',
    spanProcessors: [new SimpleSpanProcessor(spans)],
  });
  assert.ok(telemetry.metricsPort! > 0, 'port 0 binds a free port and reports it');
  metricsUrl = `http://127.0.0.1:${telemetry.metricsPort}/metrics`;
  honoServer = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: buildApp().fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  honoUrl = `http://127.0.0.1:${(honoServer.address() as AddressInfo).port}`;
  // What Express leaves on a routed request: the mount path and the matched route.
  plainServer = http.createServer((req, res) => {
    if (req.url?.startsWith('/shop/items/')) Object.assign(req, { baseUrl: '/shop', route: { path: '/items/:id' } });
    res.end('ok');
  });
  plainUrl = await listen(plainServer);
});
afterAll(async () => {
  honoServer.close();
  plainServer.close();
  await telemetry.shutdown();
});

test('endpoint is the route pattern of a sub-app route, never the raw path', async () => {
  for (const city of ['berlin', 'paris', 'oslo']) assert.equal((await fetch(`${honoUrl}/api/v1/forecast/${city}/2024-05-01`)).status, 200);
  const s = await scrape(metricsUrl);
  const labels = { endpoint: '/api/v1/forecast/:city/:date', method: 'GET', status: '200' };
  assert.equal(find(s, 'request_total', labels)[0]?.value, 3);
  assert.equal(find(s, 'request_latency_seconds_count', labels)[0]?.value, 3);
  assert.ok(find(s, 'request_latency_seconds_bucket', labels).length > 5);
  assert.equal(s.filter((x) => x.labels.endpoint?.includes('berlin')).length, 0);
});

test('unknown paths collapse to endpoint="unmatched" with their status', async () => {
  assert.equal((await fetch(`${honoUrl}/no/such/path/1`)).status, 404);
  assert.equal((await fetch(`${honoUrl}/api/v1/no-such-thing`)).status, 404);
  const s = await scrape(metricsUrl);
  assert.equal(find(s, 'request_total', { endpoint: 'unmatched', method: 'GET', status: '404' })[0]?.value, 2);
  assert.equal(s.filter((x) => x.name === 'request_total' && /\*|no-such/.test(x.labels.endpoint ?? '')).length, 0);
});

test('status is the numeric code: handler errors, middleware answers, odd methods', async () => {
  assert.equal((await fetch(`${honoUrl}/api/v1/boom`)).status, 500);
  const blocked = await fetch(`${honoUrl}/api/v1/forecast/rome/2024-05-01`, { headers: { 'x-too-large': '1' } });
  assert.equal(blocked.status, 413);
  await fetch(`${honoUrl}/api/v1/forecast/rome/2024-05-01`, { method: 'PROPFIND' });
  const s = await scrape(metricsUrl);
  assert.equal(find(s, 'request_total', { endpoint: '/api/v1/boom', status: '500' })[0]?.value, 1);
  assert.equal(
    find(s, 'request_total', { endpoint: '/api/v1/forecast/:city/:date', status: '413' })[0]?.value,
    1,
    'a request answered by middleware keeps the route it was headed for',
  );
  assert.equal(find(s, 'request_total', { method: '_OTHER' }).length, 1, 'unknown methods collapse');
});

test('the server span is named after its route, with http.route, status and a redacted query', async () => {
  spans.reset();
  await fetch(`${honoUrl}/api/v1/forecast/lima/2024-05-01?token=secret&units=mw`);
  await fetch(`${honoUrl}/api/v1/boom`);
  await fetch(`${honoUrl}/nowhere`);
  const byPath = (p: string) => spans.getFinishedSpans().find((x) => x.attributes['url.path'] === p)!;
  const lima = byPath('/api/v1/forecast/lima/2024-05-01');
  assert.equal(lima.name, 'GET /api/v1/forecast/:city/:date');
  assert.equal(lima.attributes['http.route'], '/api/v1/forecast/:city/:date');
  assert.equal(lima.attributes['http.response.status_code'], 200);
  assert.equal(lima.attributes['url.query'], 'token=REDACTED&units=REDACTED');
  assert.equal(byPath('/api/v1/boom').status.code, 2, 'a 5xx marks the span as an error');
  const nowhere = byPath('/nowhere');
  assert.equal(nowhere.name, 'GET');
  assert.equal(nowhere.attributes['http.route'], undefined, 'no http.route for an unmatched request (it must stay low-cardinality)');
});

test('an Express-routed request is named from req.baseUrl + req.route.path; a routeless one is unmatched', async () => {
  await fetch(`${plainUrl}/shop/items/17`);
  await fetch(`${plainUrl}/anything/else`);
  const s = await scrape(metricsUrl);
  assert.equal(find(s, 'request_total', { endpoint: '/shop/items/:id', status: '200' })[0]?.value, 1);
  assert.ok(find(s, 'request_total', { endpoint: 'unmatched', status: '200' })[0]!.value >= 1);
});

test('scrapes of the telemetry port are not counted as app traffic', async () => {
  await scrape(metricsUrl);
  await scrape(metricsUrl);
  const s = await scrape(metricsUrl);
  assert.equal(s.filter((x) => x.name === 'request_total' && x.labels.endpoint === '/metrics').length, 0);
  assert.equal(spans.getFinishedSpans().filter((x) => x.attributes['url.path'] === '/metrics').length, 0);
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
