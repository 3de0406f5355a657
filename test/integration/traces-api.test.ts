// The trace API and `foresight traces` over real HTTP: a small Hono app, traced through
// startTelemetry with the trace store passed as a span processor (the wiring the server uses),
// serving its own traces at /api/v1/traces.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, test } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { SpanKind, SpanStatusCode, trace, context } from '@opentelemetry/api';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { onError, onNotFound } from '../../src/api/envelope.js';
import { run as tracesCli } from '../../src/cli/traces.js';
import { matchedRoutePattern, startTelemetry, type Telemetry } from '../../src/telemetry/index.js';
import { traceRoutes } from '../../src/api/index.js';
import { analyseTraces, TraceStore } from '../../src/traces/index.js';

let telemetry: Telemetry;
let server: ServerType;
let base: string;
const store = new TraceStore({ slowThresholdMs: 100 });
const tracer = () => trace.getTracer('traces-api-test');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inSpan<T>(name: string, attributes: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await fn();
    } finally {
      span.end();
    }
  });
}

function app() {
  const a = new Hono();
  // A server span per request, as the http instrumentation makes one (the API's own paths excluded).
  a.use('/work/*', async (c, next) => {
    const span = tracer().startSpan('GET', { kind: SpanKind.SERVER });
    await context.with(trace.setSpan(context.active(), span), next);
    const route = matchedRoutePattern(c) ?? c.req.path;
    span.updateName(`GET ${route}`);
    span.setAttributes({ 'http.route': route, 'http.response.status_code': c.res.status });
    if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  a.get('/work/fast', (c) => c.text('ok'));
  a.get('/work/slow', async (c) => {
    for (let i = 0; i < 4; i++) await inSpan('pg.query', { 'db.system.name': 'postgresql', 'db.query.text': 'SELECT * FROM w WHERE id = $1' }, () => sleep(30));
    return c.text('slow');
  });
  a.get('/work/fail', (c) => c.text('down', 503));
  a.onError(onError);
  a.notFound(onNotFound);
  a.route('/api/v1', traceRoutes(store));
  return a;
}

beforeAll(async () => {
  telemetry = await startTelemetry({ env: { OTEL_TRACES_SAMPLER: 'always_on' }, serveMetrics: false, instrumentations: [], spanProcessors: [store] });
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app().fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (let i = 0; i < 20; i++) await fetch(`${base}/work/fast`);
  await fetch(`${base}/work/slow`);
  await fetch(`${base}/work/fail`);
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await telemetry.shutdown();
});

const get = async (path: string) => {
  const res = await fetch(base + path);
  return { status: res.status, body: (await res.json()) as any };
};

test('GET /api/v1/traces lists the slowest first, in the envelope, with the store figures', async () => {
  const { status, body } = await get('/api/v1/traces');
  assert.equal(status, 200);
  assert.equal(body.status, 'success');
  const first = body.data.traces[0];
  assert.equal(first.rootName, 'GET /work/slow');
  assert.equal(first.route, '/work/slow');
  assert.equal(first.spanCount, 5);
  assert.equal(first.retained, 'slow');
  assert.ok(first.durationMs >= 100);
  assert.equal(body.data.count, 20, 'default limit');
  assert.equal(body.data.store.traces, 22);
});

test('GET /api/v1/traces filters by route, minDurationMs, status, since and limit', async () => {
  const { body: errors } = await get('/api/v1/traces?status=error');
  assert.deepEqual(errors.data.traces.map((t: any) => t.route), ['/work/fail']);
  const { body: fast } = await get('/api/v1/traces?route=/work/fast&limit=5&order=recent');
  assert.equal(fast.data.count, 5);
  assert.ok(fast.data.traces.every((t: any) => t.route === '/work/fast'));
  const { body: slow } = await get('/api/v1/traces?minDurationMs=100');
  assert.deepEqual(slow.data.traces.map((t: any) => t.route), ['/work/slow']);
  const { body: future } = await get(`/api/v1/traces?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
  assert.equal(future.data.count, 0);
});

test('GET /api/v1/traces answers 400 naming the field for bad query parameters', async () => {
  for (const [query, field] of [
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['minDurationMs=-1', 'minDurationMs'],
    ['status=broken', 'status'],
    ['since=yesterday', 'since'],
  ]) {
    const { status, body } = await get(`/api/v1/traces?${query}`);
    assert.equal(status, 400, query);
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.ok(body.error.details.fields.some((f: any) => f.field === field), `${query}: ${JSON.stringify(body.error)}`);
  }
  const { status, body } = await get('/api/v1/traces?colour=red');
  assert.equal(status, 400);
  assert.match(body.error.message, /colour/);
});

test('GET /api/v1/traces/:traceId returns the span tree with the critical path; 404 and 400 otherwise', async () => {
  const { body: list } = await get('/api/v1/traces?route=/work/slow');
  const id = list.data.traces[0].traceId;
  const { status, body } = await get(`/api/v1/traces/${id}`);
  assert.equal(status, 200);
  const root = body.data.spans[0];
  assert.equal(root.name, 'GET /work/slow');
  assert.equal(root.children.length, 4);
  assert.equal(root.children[0].attributes['db.query.text'], 'SELECT * FROM w WHERE id = $1');
  // Real SDK spans start at a millisecond clock and end by a high-resolution delta: back-to-back
  // queries can appear to overlap by up to 1 ms (see traces-sequential-real-spans.test.ts).
  assert.ok(root.children[1].offsetMs >= root.children[0].offsetMs + root.children[0].durationMs - 1, 'sequential queries');
  assert.deepEqual(body.data.criticalPath, [root.spanId, root.children[3].spanId]);

  const missing = await get(`/api/v1/traces/${'ab'.repeat(16)}`);
  assert.equal(missing.status, 404);
  assert.equal(missing.body.error.code, 'NOT_FOUND');
  const bad = await get('/api/v1/traces/not-a-trace-id');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.details.fields[0].field, 'traceId');
});

test('foresight traces prints the table and a waterfall from the API', async () => {
  let text = '';
  const out = new Writable({ write: (chunk, _enc, cb) => ((text += String(chunk)), cb()) });
  assert.equal(await tracesCli(['--url', base, '--limit', '3'], out), 0);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[1]!, /^[0-9a-f]{32} .* GET \/work\/slow \(kept: slow\)$/);
  const id = lines[1]!.slice(0, 32);
  text = '';
  assert.equal(await tracesCli([id, '--url', base, '--width', '90'], out), 0);
  assert.match(text, new RegExp(`^trace ${id}  GET /work/slow`));
  assert.equal((text.match(/pg\.query/g) ?? []).length, 4);
  assert.equal(await tracesCli(['ab'.repeat(16), '--url', base], out), 1, 'unknown id: exit 1');
  assert.equal(await tracesCli(['--url', 'http://127.0.0.1:9'], out), 1, 'nothing listening: exit 1');
});

test('analyseTraces finds the N+1 in the traces recorded over HTTP', () => {
  const recs = analyseTraces(store);
  const n1 = recs.find((r) => r.category === 'database');
  assert.ok(n1, JSON.stringify(recs));
  assert.match(n1.title, /\/work\/slow: up to 4 times/);
});
