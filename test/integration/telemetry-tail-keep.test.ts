// The tail decision on a real server with head sampling off: every request is measured, and
// the slow and failed ones are still kept as spans. An unrecorded request runs with no context
// at all (that is what keeps its cost down), so the app sees no active span.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, test } from 'vitest';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, type Telemetry } from '../../src/telemetry/index.js';
import { find, scrape } from '../helpers/prom-text.js';

let telemetry: Telemetry;
let server: http.Server;
let base: string;
const spans = new InMemorySpanExporter();
const activeSpanSeen = new Map<string, boolean>();

beforeAll(async () => {
  telemetry = await startTelemetry({
    env: { OTEL_TRACES_SAMPLER: 'always_off' },
    instrumentations: ['http'],
    metricsPort: 0,
    metricsHost: '127.0.0.1',
    keepSlowerThanMs: 60,
    spanProcessors: [new SimpleSpanProcessor(spans)],
  });
  server = http.createServer((req, res) => {
    activeSpanSeen.set(req.url!, trace.getActiveSpan() !== undefined);
    if (req.url === '/slow') setTimeout(() => res.end('slow'), 120);
    else if (req.url === '/fail') {
      res.statusCode = 503;
      res.end('down');
    } else res.end('fast');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await telemetry.shutdown();
});

test('unsampled fast requests leave no span and no context; slow and failed ones are kept', async () => {
  for (let i = 0; i < 5; i++) await fetch(`${base}/fast`);
  await fetch(`${base}/slow`);
  await fetch(`${base}/fail`);
  const byPath = (p: string) => spans.getFinishedSpans().filter((s) => s.attributes['url.path'] === p);
  assert.equal(byPath('/fast').length, 0, 'head sampling off: fast requests are not recorded');
  const [slow] = byPath('/slow');
  const [fail] = byPath('/fail');
  assert.ok(slow && fail, `kept spans: ${spans.getFinishedSpans().map((s) => s.name).join(', ')}`);
  assert.equal(slow.attributes['foresight.kept'], 'slow');
  assert.equal(fail.attributes['foresight.kept'], 'error');
  assert.equal(fail.status.code, 2);
  assert.equal(fail.attributes['http.response.status_code'], 503);
  assert.equal(activeSpanSeen.get('/fast'), false, 'no context for an unrecorded request');
  assert.equal(slow.parentSpanContext, undefined, 'a kept span is a root');
  const ms = (s: typeof slow) => (s.endTime[0] - s.startTime[0]) * 1e3 + (s.endTime[1] - s.startTime[1]) / 1e6;
  assert.ok(ms(slow) >= 100, `the real duration is kept (${ms(slow)} ms)`);
});

test('RED metrics count every request, sampled or not', async () => {
  const s = await scrape(`http://127.0.0.1:${telemetry.metricsPort}/metrics`);
  const total = find(s, 'request_total').reduce((n, x) => n + x.value, 0);
  assert.equal(total, 7);
});
