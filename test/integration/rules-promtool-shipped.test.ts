// The shipped rules, exported, pass Prometheus' own checks: `promtool check rules` and the unit
// tests of alert-rules/tests with `promtool test rules`; and the CLI does the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { exportPrometheus, listTestFiles, promtoolCheck, promtoolTest } from '../../src/rules/export/index.js';
import { loadRuleFiles } from '../../src/rules/files/index.js';
import { requireTool } from '../helpers/tools.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const rulesDir = path.join(root, 'alert-rules');
const quiet = () => ({ stdout: new PassThrough().resume(), stderr: new PassThrough().resume() });

async function shipped() {
  const loaded = await loadRuleFiles(rulesDir);
  if (!loaded.ok) assert.fail(loaded.errors.map((e) => `${e.file}:${e.line}: ${e.reason}`).join('\n'));
  return loaded.ruleSet;
}

test('promtool check rules accepts the exported rules', async (t) => {
  if (!requireTool(t, 'promtool')) return;
  const result = await promtoolCheck(await shipped(), quiet());
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /SUCCESS: \d+ rules found/);
});

test('promtool test rules: every shipped alert fires and stays silent as its tests say', async (t) => {
  if (!requireTool(t, 'promtool')) return;
  const tests = await listTestFiles(path.join(rulesDir, 'tests'));
  assert.ok(tests.length >= 3, 'test files');
  const result = await promtoolTest(await shipped(), tests, quiet());
  assert.equal(result.code, 0, result.output);
  assert.equal(result.output.match(/SUCCESS/g)?.length, tests.length, result.output);
});

test('every shipped alert and severity fires in a promtool test, and each alert stays silent in one', async () => {
  const ruleSet = await shipped();
  const fires = new Set<string>();
  const silent = new Set<string>();
  for (const file of await listTestFiles(path.join(rulesDir, 'tests'))) {
    const doc = parse(await fs.readFile(file, 'utf8'));
    for (const group of doc.tests) {
      for (const c of group.alert_rule_test ?? []) {
        if (c.exp_alerts.length === 0) silent.add(c.alertname);
        for (const a of c.exp_alerts) fires.add(`${c.alertname}/${a.exp_labels.severity}`);
      }
    }
  }
  for (const g of ruleSet.groups) {
    for (const r of g.rules) {
      if (r.kind !== 'alert') continue;
      assert.ok(fires.has(`${r.name}/${r.severity}`), `${r.name} ${r.severity} fires in a test`);
      assert.ok(silent.has(r.name), `${r.name} stays silent in a test`);
    }
  }
});

test('a broken rule makes promtool test fail (the check is real)', async (t) => {
  if (!requireTool(t, 'promtool')) return;
  const ruleSet = await shipped();
  const broken = structuredClone(ruleSet);
  const rule = broken.groups.flatMap((g) => g.rules).find((r) => r.kind === 'alert' && r.name === 'DatabaseConnectionPoolHigh')!;
  rule.expr = 'avg(db_connection_pool_size) > 800';
  const result = await promtoolTest(broken, [path.join(rulesDir, 'tests', 'system.test.yaml')], quiet());
  assert.notEqual(result.code, 0);
  assert.match(result.output, /DatabaseConnectionPoolHigh/);
});

test('CLI: rules check, export and test', async (t) => {
  const bin = path.join(root, 'bin', 'foresight.js');
  const cli = path.join(root, 'dist', 'src', 'cli', 'rules.js');
  // Run the module's run() directly: index.ts registers `rules` separately.
  const script = `const { run } = await import(${JSON.stringify(cli)}); process.exitCode = await run(process.argv.slice(1));`;
  const node = (...args: string[]) => spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], { cwd: root, encoding: 'utf8' });
  assert.ok(await fs.stat(bin));

  const check = node('check');
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /OK, version/);

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rules-cli-'));
  t.onTestFinished(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.writeFile(path.join(dir, 'bad.yaml'), 'version: "1"\ngroups:\n  - name: g\n    rules:\n      - alert: A\n        severity: warning\n        expr: rate(x[5q])\n');
  const bad = node('check', dir);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /bad\.yaml:7: groups\[0\]\.rules\[0\]\.expr: invalid PromQL/);

  const out = path.join(dir, 'out');
  const exp = node('export', '--target', 'prometheus', '--out', out);
  assert.equal(exp.status, 0, exp.stderr);
  assert.equal(await fs.readFile(path.join(out, 'foresight-rules.yml'), 'utf8'), exportPrometheus(await shipped())['foresight-rules.yml']);
  assert.equal(node('export', '--target', 'nagios', '--out', out).status, 2);

  if (!requireTool(t, 'promtool')) return;
  const run = node('test');
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /SUCCESS/);
});
