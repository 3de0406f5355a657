// The stack's Prometheus and Alertmanager configs and the exported rules, checked by the real
// tools (Debian's promtool 2.42, amtool 0.25 and vmalert 1.79): skipped with the reason when
// missing, unless required.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
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
  // alertmanager.yml's inhibit rules: critical silences warning, and one low hit rate notifies once.
  assert.match(r.stdout, /2 inhibit rules/);
});

test('amtool routes critical and warning alerts to the rules service', (t) => {
  if (!requireTool(t, 'amtool')) return;
  for (const severity of ['critical', 'warning', 'info']) {
    const r = run('amtool', ['config', 'routes', 'test', '--config.file=alertmanager/alertmanager.yml', `severity=${severity}`, 'alertname=HighErrorRate']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout.trim(), 'foresight-rules-service');
  }
});

// The exported rule files are said to load in vmalert as well (ARCHITECTURE.md, the CLI):
// vmalert parses every expression with MetricsQL and every annotation template.
test('vmalert -dryRun loads the exported Prometheus rules', (t) => {
  if (!requireTool(t, 'vmalert', 'victoria-metrics')) return;
  // vmalert expands the glob itself; one that matches nothing fails with "No rules for validation".
  const r = run('vmalert', ['-dryRun', '-rule=prometheus/rules/*.yml']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('vmalert -dryRun refuses a rule file with a broken expression, naming the rule', (t) => {
  if (!requireTool(t, 'vmalert', 'victoria-metrics')) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-vmalert-'));
  try {
    const text = fs.readFileSync(path.join(repoRoot, 'prometheus/rules/foresight-rules.yml'), 'utf8');
    // An unbalanced parenthesis in the first rule's expression (a block scalar: `expr: |-` then the query).
    const broken = text.replace(/expr: \|-\n(\s+)/, 'expr: |-\n$1((');
    assert.notEqual(broken, text, 'the rule file has an expression to break');
    fs.writeFileSync(path.join(dir, 'rules.yml'), broken);
    const r = run('vmalert', ['-dryRun', `-rule=${dir}/*.yml`]);
    assert.notEqual(r.status, 0, 'vmalert accepted a broken expression');
    assert.match(r.stdout + r.stderr, /invalid expression for rule/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
