// The rules service inside a real `foresight start`, in embedded mode (it scrapes its own
// /metrics): a fast rule fires under traffic and reaches a real webhook; its recommendation
// appears; thresholds are tuned at runtime (admin, validated) and the alert resolves by itself;
// a broken rule file is rejected with file and line while the last good rules keep running;
// and the rest of the performance API answers in the seed 003 envelope.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { call } from '../helpers/in-process.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const TOKEN = 'perf-admin';
const admin = { authorization: `Bearer ${TOKEN}` };
const FAST_RULES = `version: "test-1"
thresholds:
  forecast_rate:
    warning: 1
    critical: 1000000
    direction: above
    unit: req/s
groups:
  - name: fast
    interval: 1s
    rules:
      - alert: ForecastTrafficHigh
        threshold: forecast_rate
        expr: sum(rate(request_total{endpoint="/api/v1/forecast/:city/:date"}[10s]))
        for: 1s
        annotations:
          summary: 'forecast traffic {{ $value | printf "%.1f" }} req/s above {{ $threshold }}'
recommendations:
  - id: spread-forecast-load
    category: api
    priority: medium
    title: Forecast traffic is high
    description: Forecast requests exceed the configured rate.
    impact: More load on the cache and the model
    effort: low
    implementation: Warm the cache with POST /api/v1/performance/cache/preload.
    when:
      alerts: [ForecastTrafficHigh]
`;

let dir: string;
let server: SpawnedServer;
let hook: WebhookReceiver;
let traffic: NodeJS.Timeout;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-rules-'));
  fs.writeFileSync(path.join(dir, 'fast.yaml'), FAST_RULES);
  hook = await startWebhookReceiver();
  server = await spawnServer({
    ADMIN_TOKEN: TOKEN,
    RULES_DIR: dir,
    SCRAPE_INTERVAL_MS: '300',
    PERFORMANCE_MONITORING_INTERVAL: '500',
    ALERT_WEBHOOK_URL: hook.url,
  });
  const day = new Date().toISOString().slice(0, 10);
  traffic = setInterval(() => void fetch(`${server.url}/api/v1/forecast/berlin/${day}`).catch(() => {}), 20);
});
afterAll(async () => {
  clearInterval(traffic);
  await server?.stop();
  await hook?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(v).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('under traffic the rule fires, reaches the webhook, and brings its recommendation', async () => {
  const firing = await eventually(
    () => call(server.url, '/api/v1/performance/alerts?state=firing'),
    (r) => r.body.data.alerts.some((a: any) => a.alertname === 'ForecastTrafficHigh'),
    'ForecastTrafficHigh firing',
  );
  const alert = firing.body.data.alerts.find((a: any) => a.alertname === 'ForecastTrafficHigh');
  assert.equal(alert.severity, 'warning');
  assert.equal(alert.metric_name, 'forecast_rate');
  assert.equal(alert.threshold, 1);
  assert.ok(alert.current_value > 1);
  assert.match(alert.message, /forecast traffic [\d.]+ req\/s above 1/);
  assert.equal(firing.body.data.severity_breakdown.warning >= 1, true);

  await hook.waitFor((b) => b.some((p) => p.status === 'firing' && p.alerts?.some((a: any) => a.labels.alertname === 'ForecastTrafficHigh')));
  const recs = await call(server.url, '/api/v1/performance/recommendations?priority=medium');
  assert.ok(recs.body.data.recommendations.some((r: any) => r.id === 'spread-forecast-load' && r.reason.includes('ForecastTrafficHigh')));
  assert.ok(recs.body.data.priority_breakdown.medium >= 1);
});

test('thresholds: admin only, validated with the field named, applied at once; the alert resolves', async () => {
  const anon = await call(server.url, '/api/v1/performance/thresholds', { method: 'PUT', body: { forecast_rate: { warning: 5 } } });
  assert.equal(anon.status, 401);
  const unknown = await call(server.url, '/api/v1/performance/thresholds', { method: 'PUT', headers: admin, body: { nope: { warning: 5 } } });
  assert.equal(unknown.status, 400);
  assert.match(unknown.body.error.message, /nope/);
  const inverted = await call(server.url, '/api/v1/performance/thresholds', {
    method: 'PUT', headers: admin, body: { forecast_rate: { warning: 5_000_000 } },
  });
  assert.equal(inverted.status, 400);
  assert.equal(inverted.body.error.details.fields[0].field, 'forecast_rate');

  const raised = await call(server.url, '/api/v1/performance/thresholds', {
    method: 'PUT', headers: admin, body: { forecast_rate: { warning: 100_000 } },
  });
  assert.equal(raised.status, 200, JSON.stringify(raised.body));
  assert.equal(raised.body.data.thresholds.find((t: any) => t.name === 'forecast_rate').warning, 100_000);
  const resolved = await eventually(
    () => call(server.url, '/api/v1/performance/alerts?state=resolved'),
    (r) => r.body.data.alerts.some((a: any) => a.alertname === 'ForecastTrafficHigh'),
    'ForecastTrafficHigh resolved after the threshold was raised',
  );
  assert.ok(resolved.body.data.alerts[0].resolved_at);
  await hook.waitFor((b) => b.some((p) => p.status === 'resolved'));
});

test('a broken rule file is rejected with file and line; the last good rules keep running', async () => {
  const before = (await call(server.url, '/api/v1/performance/health')).body.data.rules;
  fs.writeFileSync(path.join(dir, 'broken.yaml'), 'version: "test-1"\ngroups:\n  - name: broken\n    rules:\n      - alert: Bad\n        expr: sum(rate(\n');
  const health = await eventually(
    () => call(server.url, '/api/v1/performance/health'),
    (r) => Boolean(r.body.data.rules.last_reload_error),
    'the reload error to be reported',
    10_000,
  );
  assert.match(health.body.data.rules.last_reload_error, /broken\.yaml:\d+: /);
  assert.equal(health.body.data.rules.rules_loaded, before.rules_loaded, 'the last good rule set keeps running');
  assert.equal(health.body.data.rules.version, 'test-1');
  fs.rmSync(path.join(dir, 'broken.yaml'));
});

test('summary, history, health, batch and cache endpoints', async () => {
  const summary = await eventually(
    () => call(server.url, '/api/v1/performance/metrics/summary'),
    (r) => r.body.data.samples >= 2 && r.body.data.request_rate.current !== null,
    'two monitor samples with request figures',
  );
  const d = summary.body.data;
  assert.equal(summary.body.status, 'success');
  assert.ok(d.health_score >= 0 && d.health_score <= 100);
  assert.equal(d.cpu_usage.unit, 'percent of one core');
  assert.ok(d.request_rate.current > 0, 'request rate read through the embedded evaluator');
  assert.ok(d.cache.hits > 0 && d.cache.hit_rate > 50);

  const history = await call(server.url, '/api/v1/performance/metrics/history?metric=request_rate&limit=5');
  assert.ok(history.body.data.points.length >= 1 && history.body.data.points.length <= 5);
  assert.equal((await call(server.url, '/api/v1/performance/metrics/history?metric=bogus')).status, 400);

  const health = await call(server.url, '/api/v1/performance/health');
  assert.ok(['healthy', 'degraded', 'unhealthy'].includes(health.body.data.status));
  assert.equal(health.body.data.rules.source, 'embedded');

  const stats = await call(server.url, '/api/v1/performance/batch/statistics');
  assert.ok(stats.body.data.total_batches >= 1);
  const badConfig = await call(server.url, '/api/v1/performance/batch/config', { method: 'PUT', headers: admin, body: { maxBatchSize: 0 } });
  assert.equal(badConfig.status, 400);
  assert.match(badConfig.body.error.message, /maxBatchSize/);
  const goodConfig = await call(server.url, '/api/v1/performance/batch/config', { method: 'PUT', headers: admin, body: { maxBatchSize: 16 } });
  assert.equal(goodConfig.body.data.maxBatchSize, 16);

  const cache = await call(server.url, '/api/v1/performance/cache/stats');
  assert.ok(cache.body.data.entry_count >= 1);
  const cleared = await call(server.url, '/api/v1/performance/cache/clear', { headers: admin, body: { tags: ['city:berlin'] } });
  assert.equal(cleared.status, 200);
  assert.ok(cleared.body.data.cleared >= 1);
  assert.equal((await call(server.url, '/api/v1/performance/cache/clear', { body: {} })).status, 401);
  const preload = await call(server.url, '/api/v1/performance/cache/preload', { method: 'POST', headers: admin });
  assert.ok(preload.body.data.models_loaded >= 20);
  assert.equal((await call(server.url, '/api/v1/performance/alerts/999999/resolve', { method: 'POST', headers: admin })).status, 404);
});

test('the Alertmanager webhook receiver accepts version 4 payloads and names a bad field', async () => {
  const ok = await call(server.url, '/api/v1/performance/alerts/webhook', {
    body: { version: '4', status: 'firing', receiver: 'foresight', alerts: [{ status: 'firing', labels: { alertname: 'X', severity: 'warning' }, annotations: {} }] },
  });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.data.received, 1);
  const bad = await call(server.url, '/api/v1/performance/alerts/webhook', { body: { status: 'firing', alerts: [{ status: 'on fire', labels: {} }] } });
  assert.equal(bad.status, 400);
  assert.match(bad.body.error.message, /alerts\.0\.status/);
});

test('a firing alert links to the slowest trace of its route', async () => {
  const r = await call(server.url, '/api/v1/performance/alerts');
  const withTraces = r.body.data.alerts.filter((a: any) => a.example_traces?.length);
  assert.ok(withTraces.length > 0, 'an alert with example traces');
  const link = withTraces[0].example_traces[0];
  const trace = await call(server.url, link.url);
  assert.equal(trace.status, 200);
  assert.equal(trace.body.data.traceId, link.traceId);
  assert.equal(trace.body.data.durationMs, link.durationMs);
});
