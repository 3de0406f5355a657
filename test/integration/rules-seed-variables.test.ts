// Seed 002/003's rules variables through the rules runtime the server builds: threshold levels
// given at start (PERFORMANCE_ALERT_THRESHOLDS, a number being the warning level) under the ones
// changed at runtime, a start refused when they do not fit the files, and one evaluation interval
// for every group (PERFORMANCE_ALERT_CHECK_INTERVAL) instead of the files' own.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, test } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { startRules, type RulesRuntime } from '../../src/rules/runtime/index.js';
import { rulesRuntimeOptions, thresholdDefaults } from '../../src/server/rules-options.js';

const RULES = `version: "seed-vars"
thresholds:
  cpu_usage: { warning: 70, critical: 90, direction: above, unit: percent }
  error_rate: { warning: 5, critical: 10, direction: above, unit: percent }
groups:
  - name: slow
    interval: 1h
    rules:
      - alert: AlwaysOn
        severity: warning
        expr: vector(1) > 0
        for: 1s
`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-seed-vars-'));
fs.writeFileSync(path.join(dir, 'rules.yaml'), RULES);
const running: RulesRuntime[] = [];
afterAll(async () => {
  for (const r of running) await r.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<RulesRuntime> {
  const options = rulesRuntimeOptions(loadConfig({ RULES_DIR: dir, RULES_SCRAPE_TARGETS: 'http://127.0.0.1:9/metrics', ...env }));
  const runtime = await startRules(options);
  running.push(runtime);
  return runtime;
}

async function firingWithin(runtime: RulesRuntime, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if ((await runtime.facade.alerts({ state: 'firing' })).some((a) => a.alertname === 'AlwaysOn')) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

test('PERFORMANCE_ALERT_THRESHOLDS sets levels at start; a number is the warning level', async () => {
  assert.deepEqual(thresholdDefaults('{"cpu_usage": 80, "error_rate": {"warning": 3, "critical": 8}}'), {
    cpu_usage: { warning: 80 },
    error_rate: { warning: 3, critical: 8 },
  });
  const runtime = await start({ PERFORMANCE_ALERT_THRESHOLDS: '{"cpu_usage": 80, "error_rate": {"warning": 3, "critical": 8}}' });
  const t = (name: string) => runtime.facade.thresholds().find((x) => x.name === name)!;
  assert.deepEqual([t('cpu_usage').warning, t('cpu_usage').critical], [80, 90]);
  assert.deepEqual([t('error_rate').warning, t('error_rate').critical], [3, 8]);
  // A runtime change wins over the start value.
  await runtime.facade.updateThresholds({ cpu_usage: { warning: 60 } }, 'test');
  assert.equal(t('cpu_usage').warning, 60);
  assert.equal(t('error_rate').warning, 3);
});

test('levels that do not fit the rule files refuse the start, naming the threshold', async () => {
  await assert.rejects(start({ PERFORMANCE_ALERT_THRESHOLDS: '{"nope": 1}' }), /threshold defaults: unknown threshold "nope"/);
  await assert.rejects(start({ PERFORMANCE_ALERT_THRESHOLDS: '{"cpu_usage": 95}' }), /threshold defaults: threshold "cpu_usage"/);
  assert.throws(() => loadConfig({ PERFORMANCE_ALERT_THRESHOLDS: '{"cpu_usage": "high"}' }), /PERFORMANCE_ALERT_THRESHOLDS/);
  assert.throws(() => loadConfig({ PERFORMANCE_ALERT_THRESHOLDS: '[80]' }), /PERFORMANCE_ALERT_THRESHOLDS/);
});

test("PERFORMANCE_ALERT_CHECK_INTERVAL evaluates every group at its interval instead of the file's", async () => {
  // The file says 1h: the alert goes pending at the first evaluation and fires only at the next.
  const filesOwn = await start({});
  assert.equal(await firingWithin(filesOwn, 1500), false, 'with the 1h of the file, no second evaluation yet');
  const every300 = await start({ PERFORMANCE_ALERT_CHECK_INTERVAL: '300' });
  assert.equal(await firingWithin(every300, 5000), true, 'evaluated every 300 ms, it fires after its 1 s');
});
