// Prometheus mode end to end with the real engines: a real Prometheus scrapes a running
// `foresight start` under cache-miss load and evaluates the exported rules; the rules service,
// reading the same Prometheus (PROMETHEUS_URL), fires the same alert and a real Alertmanager
// receives it from the rules service.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { exportPrometheus } from '../../src/rules/export/index.js';
import { loadRuleFiles } from '../../src/rules/files/index.js';
import { startAlertmanager, type AlertmanagerProcess } from '../helpers/alertmanager-process.js';
import { call } from '../helpers/in-process.js';
import { freePort } from '../helpers/ports.js';
import { startPrometheus, type PrometheusProcess } from '../helpers/prometheus-process.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';
import { requireTool } from '../helpers/tools.js';

// A cache-miss condition, evaluated every second so the test runs in seconds, not minutes.
const RULES = `version: "pm-1"
thresholds:
  hit_ratio_fast:
    warning: 0.5
    critical: 0.1
    direction: below
groups:
  - name: cache-fast
    interval: 1s
    rules:
      - alert: CacheMissStorm
        threshold: hit_ratio_fast
        severities: [warning]
        expr: avg(cache_hit_ratio) and on() sum(rate(cache_operation_seconds_count{operation="get"}[15s])) > 0
        for: 2s
        annotations:
          summary: 'cache hit ratio {{ $value | printf "%.2f" }} below {{ $threshold }}'
`;

let dir: string;
let prometheus: PrometheusProcess | undefined;
let alertmanager: AlertmanagerProcess | undefined;
let server: SpawnedServer | undefined;
let load: NodeJS.Timeout | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-pm-'));
  fs.writeFileSync(path.join(dir, 'fast.yaml'), RULES);
});
afterAll(async () => {
  clearInterval(load);
  await server?.stop();
  await prometheus?.stop();
  await alertmanager?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('the same alert fires in Prometheus and in the rules service, and Alertmanager receives it', async (t) => {
  if (!requireTool(t, 'prometheus') || !requireTool(t, 'prometheus-alertmanager')) return;
  const loaded = await loadRuleFiles(dir);
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
  const ruleFile = path.join(dir, 'exported', 'foresight-rules.yml');
  fs.mkdirSync(path.dirname(ruleFile));
  fs.writeFileSync(ruleFile, exportPrometheus(loaded.ruleSet)['foresight-rules.yml']!);

  const metricsPort = await freePort();
  alertmanager = await startAlertmanager();
  prometheus = await startPrometheus({ scrapeTargets: [`127.0.0.1:${metricsPort}`], ruleFiles: [ruleFile] });
  server = await spawnServer({
    OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
    PROMETHEUS_URL: prometheus.url,
    RULES_DIR: dir,
    ALERTMANAGER_URL: alertmanager.url,
  });

  // Cache misses: every request a new key.
  const city = 'berlin';
  const start = Date.parse(new Date().toISOString().slice(0, 10));
  let n = 0;
  load = setInterval(() => {
    const timestamp = new Date(start + (n++ % 86_400) * 1000).toISOString();
    void call(server!.url, '/api/v1/predict', { body: { city, timestamp } }).catch(() => {});
  }, 10);

  await eventually(async () => {
    const body = (await (await fetch(`${prometheus!.url}/api/v1/alerts`)).json()) as any;
    return body.data.alerts.some((a: any) => a.labels.alertname === 'CacheMissStorm' && a.state === 'firing');
  }, 'CacheMissStorm firing in Prometheus');

  await eventually(async () => {
    const r = await call(server!.url, '/api/v1/performance/alerts?state=firing');
    return r.body.data.alerts.some((a: any) => a.alertname === 'CacheMissStorm');
  }, 'CacheMissStorm firing in the rules service (Prometheus mode)');
  const health = await call(server.url, '/api/v1/performance/health');
  assert.equal(health.body.data.rules.source, 'prometheus');

  await eventually(
    async () => (await alertmanager!.alerts()).some((a) => a.labels.alertname === 'CacheMissStorm' && a.labels.severity === 'warning'),
    'CacheMissStorm in Alertmanager',
  );
});
