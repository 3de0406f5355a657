// A Hono app with no foresight code under `--import foresight/register`: one server span per
// request, named after the route pattern (the agent's Hono instrumentation), and the RED
// metrics labelled by pattern (`unmatched` for a 404).
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import { SpanKindNumber } from '../helpers/otlp-receiver.js';
import { find, scrape } from '../helpers/prom-text.js';
import { startRegisteredApp, type RegisteredApp } from '../fixtures/register-harness/index.js';

let app: RegisteredApp;

beforeAll(async () => {
  app = await startRegisteredApp('register-hono/app.mjs');
});
afterAll(async () => {
  await app?.stop('SIGKILL');
});

test('the server span is named after the Hono route and there is only one per request', async () => {
  assert.equal((await fetch(`${app.url}/items/42`)).status, 200);
  assert.equal((await fetch(`${app.url}/nope`)).status, 404);
  const spans = await app.receiver.waitFor((s) => s.length >= 2);
  const servers = spans.filter((s) => s.kind === SpanKindNumber.SERVER);
  assert.equal(servers.length, 2, 'no duplicate server spans');
  const item = servers.find((s) => s.attributes['url.path'] === '/items/42')!;
  assert.equal(item.name, 'GET /items/:id');
  assert.equal(item.attributes['http.route'], '/items/:id');
  const nope = servers.find((s) => s.attributes['url.path'] === '/nope')!;
  assert.equal(nope.name, 'GET', 'an unmatched request gets no route');
  assert.equal(nope.attributes['http.route'], undefined);

  const s = await scrape(app.metricsUrl);
  assert.equal(find(s, 'request_latency_seconds_count', { endpoint: '/items/:id' })[0]?.value, 1);
  assert.equal(find(s, 'request_total', { endpoint: '/items/:id', method: 'GET', status: '200' })[0]?.value, 1);
  assert.equal(find(s, 'request_total', { endpoint: 'unmatched', status: '404' })[0]?.value, 1);
});
