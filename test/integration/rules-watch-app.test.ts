// The rules service watching another app: `foresight rules serve` (no prediction API, no
// database) scrapes an Express app running under the agent through RULES_SCRAPE_TARGETS, and
// the shipped API rules fire for it under traffic with errors and slow answers; a second target
// that is down is logged, counted and shown, and costs nothing else. The shipped api.yaml runs
// unchanged but for its timing (evaluated every second, `for: 2s` instead of 5m), so that the
// test takes seconds.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { startInstrumentedApp, type InstrumentedApp } from '../helpers/instrumented-app.js';
import { freePort } from '../helpers/ports.js';
import { repoRoot, spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

let app: InstrumentedApp | undefined;
let rules: SpawnedServer | undefined;
let hook: WebhookReceiver | undefined;
let ruleDir = '';
let downUrl = '';

/** The shipped api.yaml and thresholds.yaml, evaluated every second with `for: 2s`. */
function fastRuleDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-watch-rules-'));
  const shipped = path.join(repoRoot, 'alert-rules');
  fs.copyFileSync(path.join(shipped, 'thresholds.yaml'), path.join(dir, 'thresholds.yaml'));
  const api = fs.readFileSync(path.join(shipped, 'api.yaml'), 'utf8');
  const fast = api.replace(/^(\s+)interval: 30s$/m, '$1interval: 1s').replace(/^(\s+)for: 5m$/gm, '$1for: 2s');
  assert.notEqual(fast, api, 'api.yaml no longer has the timing this test shortens');
  fs.writeFileSync(path.join(dir, 'api.yaml'), fast);
  return dir;
}

beforeAll(async () => {
  hook = await startWebhookReceiver();
  app = await startInstrumentedApp('rules-target', { SLOW_MS: '1200' });
  downUrl = `http://127.0.0.1:${await freePort()}/metrics`;
  ruleDir = fastRuleDir();
  rules = await spawnServer(
    {
      RULES_SCRAPE_TARGETS: `shop=${app.metricsUrl}, down=${downUrl}`,
      SCRAPE_INTERVAL_MS: '500',
      RULES_DIR: ruleDir,
      ALERT_WEBHOOK_URL: hook.url,
      DATABASE_URL: '',
      OTEL_SERVICE_NAME: '',
    },
    90_000,
    ['rules', 'serve'],
  );
});

afterAll(async () => {
  await rules?.stop();
  await app?.stop();
  await hook?.close();
  if (ruleDir) fs.rmSync(ruleDir, { recursive: true, force: true });
});

async function firingAlerts(): Promise<any[]> {
  const body: any = await (await fetch(`${rules!.url}/api/v1/performance/alerts?state=firing`)).json();
  return body.data.alerts;
}

test('shipped rules fire for an Express app watched through RULES_SCRAPE_TARGETS, and notify', { timeout: 180_000 }, async () => {
  const call = async (p: string) => (await fetch(app!.url + p)).status;
  const wanted = (alerts: any[]) =>
    alerts.some((a) => a.alertname === 'HighErrorRate' && a.severity === 'critical') &&
    alerts.some((a) => a.alertname === 'ApiResponseTimeHigh' && a.labels.endpoint === '/api/v1/reports/:id');
  const deadline = Date.now() + 120_000;
  let alerts: any[] = [];
  // Rounds of 3 good answers, 1 failure (500) and 1 slow answer: a 20% error share, above the
  // 10% critical level, and a p95 above 1 s on the slow route.
  for (let i = 0; !wanted(alerts); i++) {
    assert.ok(Date.now() < deadline, `alerts did not fire in time; firing: ${JSON.stringify(alerts)}\n${rules!.output().slice(-3000)}`);
    const statuses = await Promise.all([call(`/api/v1/products/${i}`), call('/api/v1/products/7'), call(`/api/v1/products/${i % 3}`), call('/api/v1/checkout'), call(`/api/v1/reports/${i}`)]);
    assert.deepEqual(statuses, [200, 200, 200, 500, 200]);
    alerts = await firingAlerts();
  }
  const errors = alerts.find((a) => a.alertname === 'HighErrorRate' && a.severity === 'critical')!;
  assert.ok(errors.current_value > 10 && errors.current_value < 40, `error share ${errors.current_value}%`);
  assert.equal(errors.labels.type, 'ERROR_RATE');
  // The route pattern the agent recorded in the app, not a raw path: the alert is about that app's route.
  const slow = alerts.find((a) => a.alertname === 'ApiResponseTimeHigh')!;
  assert.equal(slow.severity, 'warning');
  assert.ok(slow.current_value > 1000, `p95 ${slow.current_value} ms`);
  assert.ok(!alerts.some((a) => a.labels.endpoint === '/api/v1/products/:id'), 'the fast route does not alert');

  // Notifications went out in Alertmanager's webhook format.
  await hook!.waitFor((bodies) => bodies.some((b) => b.alerts?.some((a: any) => a.status === 'firing' && a.labels.alertname === 'HighErrorRate')), 30_000);
});

test('a target that is down is logged once, counted and shown as down; the service keeps evaluating', { timeout: 60_000 }, async () => {
  // Only the dead target's lines: on a starved machine the live app's scrape may time out too.
  const downLines = rules!.output().split('\n').filter((l) => l.includes('rules scrape target down') && l.includes(downUrl));
  assert.equal(downLines.length, 1, `one line per state change:\n${downLines.join('\n')}`);
  // Refused, or (the event loop starved past the scrape timeout) timed out: either way, the reason.
  assert.match(downLines[0]!, /ECONNREFUSED|timed out/);

  // The service's own /metrics (its telemetry port): failures per target and each target's up.
  const metrics = await (await fetch(rules!.metricsUrl)).text();
  const failures = metrics.split('\n').find((l) => l.startsWith('rules_scrape_failures_total{') && l.includes(`target="${downUrl}"`));
  assert.ok(failures && Number(failures.split(' ').at(-1)) > 1, `no failure count for the down target in:\n${metrics.split('\n').filter((l) => l.startsWith('rules_')).join('\n')}`);
  const up = (job: string) => metrics.split('\n').find((l) => l.startsWith('rules_scrape_target_up{') && l.includes(`job="${job}"`))?.split(' ').at(-1);
  assert.equal(up('down'), '0');
  assert.equal(up('shop'), '1');
  // The healthy target's failures exist from zero, so a rate over them reads 0, not "no data".
  const healthy = metrics.split('\n').find((l) => l.startsWith('rules_scrape_failures_total{') && l.includes(`target="${app!.metricsUrl}"`));
  assert.equal(healthy?.split(' ').at(-1), '0', `the healthy target's failures: ${healthy}`);

  // /readyz shows both targets; a watched app being down does not make the watcher unready.
  const res = await fetch(`${rules!.url}/readyz`);
  const ready: any = await res.json();
  assert.equal(res.status, 200);
  const components = Object.entries<any>(ready.components);
  assert.equal(components.find(([k]) => k.startsWith('scrape down '))?.[1].status, 'down');
  assert.equal(components.find(([k]) => k.startsWith('scrape shop '))?.[1].status, 'up');
  assert.equal(ready.components.database.status, 'disabled');
  assert.equal(rules!.child.exitCode, null, 'still running');
});

test('`rules serve` is named in --help and refuses arguments it does not know', () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(repoRoot, 'bin/foresight.js'), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  assert.match(cli(['--help']).stdout, /rules serve/);
  assert.match(cli(['rules', '--help']).stdout, /serve/);
  const help = cli(['rules', 'serve', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /RULES_SCRAPE_TARGETS/);
  const unknown = cli(['rules', 'serve', '--target', 'x']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /Unknown option '--target'/);
  assert.equal(cli(['rules', 'serve', 'extra']).status, 2);
  const bad = cli(['rules', 'serve'], { RULES_SCRAPE_TARGETS: 'shop=ftp://x/metrics', OTEL_SDK_DISABLED: 'true', LOG_FILE: '' });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /RULES_SCRAPE_TARGETS: scrape target "shop=ftp:\/\/x\/metrics" is not a URL/);
});
