// The server path's per-request checks on a real node:http server: ignored paths (probes and
// scrapes, with or without a query) get no RED entry, everything else does, and unknown methods
// are counted as `_OTHER`, as are statuses outside 100-599.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, test } from 'vitest';
import { HttpServerTelemetry, RedMetrics } from '../../src/telemetry/http-server/index.js';

const red = new RedMetrics();
const telemetry = new HttpServerTelemetry({
  tracer: trace.getTracer('test'),
  red,
  ignoredPaths: ['/healthz', '/readyz', '/metrics'],
  context: { hold: () => undefined, release: () => undefined },
  // Nothing is sampled: the checks under test run before any span would start.
  decide: () => false,
});
let server: http.Server;
let url: string;

beforeAll(async () => {
  telemetry.enable();
  server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  telemetry.disable();
  await new Promise((resolve) => server.close(resolve));
});

function request(method: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}${path}`, { method }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

test('ignored paths, with or without a query, get no RED entry; paths of the same length or longer do', async () => {
  for (const path of ['/healthz', '/healthz?verbose=1', '/readyz', '/metrics?x', '/healthy', '/healthzz', '/api/v1/x?y=1']) {
    assert.equal(await request('GET', path), 200, path);
  }
  const get = red.read().find((s) => s.method === 'GET');
  assert.equal(get?.count, 3, 'three requests counted: /healthy, /healthzz and /api/v1/x');
});

test('a standard method keeps its name, any other is _OTHER', async () => {
  assert.equal(await request('PATCH', '/api/v1/x'), 200);
  assert.equal(await request('PROPFIND', '/api/v1/x'), 200);
  const methods = red.read().map((s) => `${s.method} ${s.count}`).sort();
  assert.deepEqual(methods, ['GET 3', 'PATCH 1', '_OTHER 1']);
});

test('a status outside 100-599 is one _OTHER series, whatever the code', () => {
  const own = new RedMetrics();
  for (const status of [200, 200, 404, 600, 799, 999]) own.record('/x', 'GET', status, 0.001);
  const series = own.read().map((s) => `${s.status} ${s.count}`).sort();
  assert.deepEqual(series, ['200 2', '404 1', '_OTHER 3']);
});
