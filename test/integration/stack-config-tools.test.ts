// The stack's Prometheus and Alertmanager configs, checked by the real tools (Debian's
// promtool 2.42 and amtool 0.25): skipped with the reason when missing, unless required.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { repoRoot } from '../helpers/spawn-server.js';
import { requireTool } from '../helpers/tools.js';

const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8' });

test('promtool check config prometheus/prometheus.yml, with the exported rule file', (t) => {
  if (!requireTool(t, 'promtool')) return;
  const r = run('promtool', ['check', 'config', 'prometheus/prometheus.yml']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  // The rule_files glob must match the exported file, or promtool would check no rules at all.
  assert.match(r.stdout + r.stderr, /SUCCESS: 1 rule files found/);
  assert.match(r.stdout + r.stderr, /SUCCESS: \d+ rules found/);
});

test('amtool check-config alertmanager/alertmanager.yml', (t) => {
  if (!requireTool(t, 'amtool')) return;
  const r = run('amtool', ['check-config', 'alertmanager/alertmanager.yml']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /SUCCESS/);
  assert.match(r.stdout, /1 inhibit rules/);
});

test('amtool routes critical and warning alerts to the rules service', (t) => {
  if (!requireTool(t, 'amtool')) return;
  for (const severity of ['critical', 'warning', 'info']) {
    const r = run('amtool', ['config', 'routes', 'test', '--config.file=alertmanager/alertmanager.yml', `severity=${severity}`, 'alertname=HighErrorRate']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trim(), 'foresight-rules-service');
  }
});
