// `node --import foresight/register app.cjs` on a plain CommonJS node:http app: the same trace
// and metrics as the ESM case, and SIGTERM flushes queued spans before the process ends.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { find, scrape } from '../helpers/prom-text.js';
import { SpanKindNumber } from '../helpers/otlp-receiver.js';
import { outerTrace, startRegisteredApp } from '../fixtures/register-harness/index.js';

test('a CommonJS app is traced and measured', async (t) => {
  const app = await startRegisteredApp('register-cjs/app.cjs');
  t.onTestFinished(async () => {
    await app.stop('SIGKILL');
  });

  assert.equal(await (await fetch(`${app.url}/outer`)).text(), 'outer(inner)');
  await fetch(`${app.url}/readyz`);
  const { spans, outer, inner, client } = await outerTrace(app.receiver);
  assert.equal(outer.parentSpanId, '');
  assert.equal(outer.attributes['url.scheme'], 'http');
  assert.ok(client && client.parentSpanId === outer.spanId, 'client span under the server span');
  assert.equal(inner.parentSpanId, client.spanId);
  assert.equal(spans.filter((s) => s.kind === SpanKindNumber.SERVER).length, 2, 'one server span per request; /readyz not traced');

  const s = await scrape(app.metricsUrl);
  assert.equal(find(s, 'request_total', { endpoint: 'unmatched' }).reduce((n, x) => n + x.value, 0), 2, 'a plain http server has no routes: one endpoint value');
  assert.ok(find(s, 'v8js_gc_duration_count').length + find(s, 'nodejs_eventloop_delay_p99').length > 0, 'runtime metrics');
  assert.ok(find(s, 'process_resident_memory_bytes').length === 1);
});

test('SIGTERM drains the server, flushes spans still queued, then exits 0', async () => {
  // A one-minute batch delay: the span can only arrive through the shutdown flush.
  const app = await startRegisteredApp('register-cjs/app.cjs', { OTEL_BSP_SCHEDULE_DELAY: '60000' });
  assert.equal(await (await fetch(`${app.url}/outer`)).text(), 'outer(inner)');
  assert.equal(app.receiver.spans.length, 0);
  const flushed = outerTrace(app.receiver, 5000);
  const ended = await app.stop('SIGTERM');
  const { outer } = await flushed;
  assert.equal(outer.attributes['url.path'], '/outer');
  assert.deepEqual(ended, { code: 0, signal: null }, 'an app without its own SIGTERM handler is stopped gracefully, exit 0');
});
