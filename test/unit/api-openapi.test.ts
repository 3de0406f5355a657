// The OpenAPI document covers every route the app answers: each method and path Hono routes is
// in /openapi.json (a route added without a declaration fails here), and the request schemas
// in the document are the ones that validate (a field the validator refuses is documented), and
// with the rate limits on, every /api/ operation documents their 429.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { createApp, type AppDeps } from '../../src/api/index.js';
import { loadConfig } from '../../src/config/index.js';
import { ClientLimits } from '../../src/ratelimit/index.js';
import { inactiveRulesFacade } from '../../src/rules/runtime/inactive.js';
import { TraceStore } from '../../src/traces/index.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

function build() {
  // Routes are declared when the app is built; no handler runs here, so the services stay stubs.
  const deps = { config: loadConfig({ ADMIN_TOKEN: 't' }), rules: inactiveRulesFacade(), traces: new TraceStore() } as unknown as AppDeps;
  return createApp(deps, '9.9.9');
}

async function document(app: ReturnType<typeof build>) {
  const res = await app.request('/openapi.json');
  assert.equal(res.status, 200);
  return (await res.json()) as { openapi: string; info: { version: string }; paths: Record<string, Record<string, any>>; components: any };
}

test('every route the app answers is in the OpenAPI document, with its method', async () => {
  const app = build();
  const doc = await document(app);
  assert.equal(doc.openapi, '3.1.0');
  assert.equal(doc.info.version, '9.9.9');
  const routed = new Set(
    app.routes
      .filter((r) => METHODS.has(r.method) && !r.path.includes('*'))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`),
  );
  assert.ok(routed.size >= 39, `only ${routed.size} routes found: ${[...routed].join(', ')}`);
  const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p}`)));
  const missing = [...routed].filter((r) => !documented.has(r));
  assert.deepEqual(missing, [], `routes missing from /openapi.json: ${missing.join(', ')}`);
  const extra = [...documented].filter((r) => !routed.has(r));
  assert.deepEqual(extra, [], `documented routes the app does not answer: ${extra.join(', ')}`);
  for (const p of [
    'get /api/v1/performance/metrics', 'get /api/v1/performance/summary', 'get /api/v1/performance/cache/statistics',
    'post /api/v1/performance/silences', 'delete /api/v1/performance/silences/{id}', 'get /api/v2/silences',
    'delete /api/v2/silence/{silenceID}', 'get /api/v1/traces/{traceId}', 'post /api/v1/models/{city}/train',
    'post /api/v1/performance/alerts/webhook', 'get /ui/', 'get /openapi.json',
  ]) {
    assert.ok(documented.has(p), `${p} documented`);
  }
});

test('a route added without a declaration is caught', async () => {
  const app = build();
  app.get('/api/v1/undeclared', (c) => c.text('x'));
  const doc = await document(app);
  assert.equal(doc.paths['/api/v1/undeclared'], undefined);
  assert.ok(app.routes.some((r) => r.path === '/api/v1/undeclared'), 'the check above sees Hono routes the document lacks');
});

test('the documented request schemas are the validating ones', async () => {
  const app = build();
  const doc = await document(app);
  const body = (path: string, method: string) => doc.paths[path]![method].requestBody.content['application/json'].schema;
  const predict = body('/api/v1/predict', 'post');
  assert.deepEqual(predict.required.sort(), ['city', 'timestamp']);
  assert.match(predict.properties.city.pattern, /a-z0-9/);
  // PREDICT_BATCH_MAX_ITEMS is the bound the validator applies.
  assert.equal(body('/api/v1/predict/batch', 'post').properties.items.maxItems, 100);
  // Both spellings are documented where both are accepted.
  const thresholds = body('/api/v1/performance/thresholds', 'put');
  assert.ok(thresholds.properties.predictionLatencyMs && thresholds.additionalProperties, 'seed 002 fields and seed 003 names');
  const batch = body('/api/v1/performance/batch/config', 'put');
  for (const f of ['maxWaitMs', 'maxWaitTime', 'enabled', 'enableBatching']) assert.ok(batch.properties[f], f);
  // A query parameter the validator refuses is an enum in the document.
  const severity = doc.paths['/api/v1/performance/alerts']!.get.parameters.find((p: any) => p.name === 'severity');
  assert.deepEqual(severity.schema.enum.sort(), ['critical', 'high', 'info', 'low', 'medium', 'warning']);
  // Admin routes say so, and the error envelope is one component.
  assert.deepEqual(doc.paths['/api/v1/performance/silences']!.post.security, [{ admin: [] }]);
  assert.ok(doc.components.securitySchemes.admin);
  assert.ok(doc.components.schemas.Error.properties.error.properties.code.enum.includes('UNSUPPORTED_MEDIA_TYPE'));

  // And the validator refuses what the document says it refuses.
  const refused = await app.request('/api/v1/performance/alerts?severity=urgent');
  assert.equal(refused.status, 400);
  const err = (await refused.json()) as { error: { code: string; message: string } };
  assert.equal(err.error.code, 'VALIDATION_FAILED');
  assert.match(err.error.message, /severity/);
});

test('with the rate limits on, every operation under /api/ documents its 429 with Retry-After; the probes do not', async () => {
  const deps = {
    config: loadConfig({ ADMIN_TOKEN: 't' }),
    rules: inactiveRulesFacade(),
    traces: new TraceStore(),
    limits: new ClientLimits({ api: { points: 10, durationSeconds: 60 }, admin: { points: 1, durationSeconds: 60 } }),
  } as unknown as AppDeps;
  const doc = await document(createApp(deps, '9.9.9'));
  const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ name: `${m} ${p}`, op })));
  const api = operations.filter((o) => o.name.includes(' /api/'));
  assert.ok(api.length >= 30, `${api.length} operations under /api/`);
  for (const { name, op } of api) {
    assert.match(op.responses['429']?.description ?? '', /API_RATE_LIMITED/, name);
    assert.ok(op.responses['429'].headers['Retry-After'], name);
  }
  assert.equal(doc.paths['/api/v1/performance/silences']!.post.responses['429'].description, 'API_RATE_LIMITED, ADMIN_RATE_LIMITED, AUTH_FAILURES_BLOCKED');
  for (const probe of ['/healthz', '/readyz']) assert.equal(doc.paths[probe]!.get.responses['429'], undefined, probe);
  assert.equal((await document(build())).paths['/api/v1/predict']!.post.responses['429'], undefined, 'limits off: no 429');
});
