// `node --import foresight/register app.mjs` on a plain ESM node:http app: server and client
// spans reach an OTLP receiver (the client call uses a named `get` import, which only the ESM
// loader hook can instrument), probes are not traced, and /metrics has the http and runtime metrics.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import { find, scrape } from '../helpers/prom-text.js';
import { outerTrace, startRegisteredApp, type RegisteredApp } from '../fixtures/register-harness/index.js';

let app: RegisteredApp;

beforeAll(async () => {
  app = await startRegisteredApp('register-esm/app.mjs');
});
afterAll(async () => {
  await app?.stop('SIGKILL');
});

test('an ESM app is traced end to end through the loader hook', async () => {
  assert.equal(await (await fetch(`${app.url}/healthz`)).text(), '');
  assert.equal(await (await fetch(`${app.url}/outer`)).text(), 'outer(inner)');
  const { spans, outer, inner, client } = await outerTrace(app.receiver);

  assert.equal(outer.parentSpanId, '', 'the incoming request starts the trace');
  assert.equal(outer.name, 'GET');
  assert.equal(outer.attributes['http.request.method'], 'GET');
  assert.equal(outer.attributes['http.response.status_code'], 200);
  assert.equal(outer.resource['service.name'], 'register-app.mjs');
  assert.ok(client, `a CLIENT span for the named-import http.get; got ${spans.map((s) => s.name).join(', ')}`);
  assert.equal(client.parentSpanId, outer.spanId, 'client span is a child of the server span');
  assert.equal(inner.traceId, outer.traceId, 'traceparent propagated to /inner');
  assert.equal(inner.parentSpanId, client.spanId);
  assert.ok(outer.endNs > outer.startNs);
  assert.equal(spans.filter((s) => s.attributes['url.path'] === '/healthz').length, 0, '/healthz is not traced');
});

test('/metrics shows the RED histogram, runtime and process metrics', async () => {
  const s = await scrape(app.metricsUrl);
  const count = find(s, 'request_total', { endpoint: 'unmatched', method: 'GET', status: '200' });
  assert.equal(count.reduce((n, x) => n + x.value, 0), 2, 'outer and inner counted; /healthz and scrapes are not');
  assert.ok(find(s, 'request_latency_seconds_bucket', { endpoint: 'unmatched' }).length > 5);
  assert.ok(find(s, 'http_client_request_duration_count').length > 0);
  assert.ok(find(s, 'nodejs_eventloop_delay_p99').length > 0, 'event loop delay');
  assert.ok(find(s, 'nodejs_eventloop_utilization').length > 0, 'event loop utilization');
  assert.ok(find(s, 'v8js_memory_heap_used').length > 0, 'heap');
  assert.ok(find(s, 'process_cpu_seconds_total', { mode: 'user' })[0]!.value > 0, 'process CPU');
  assert.ok(find(s, 'process_resident_memory_bytes')[0]!.value > 10e6, 'process RSS');
});
