// Hot reload: a valid change applies, a broken one is rejected while the last good set keeps
// running, then a fix applies; a touch without a content change does not reload.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { RuleFileWatcher } from '../../src/rules/files/index.js';
import type { CompiledRuleSet } from '../../src/rules/types.js';

const rules = (level: number, extra = '') => `version: "1"
thresholds:
  latency: { warning: ${level}, critical: 5, direction: above }
groups:
  - name: g
    rules:
      - alert: Slow
        threshold: latency
        expr: avg(x)
${extra}`;

/** Resolves when `predicate` holds, polling; fails after `ms`. */
async function until(predicate: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out waiting for the watcher');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('hot reload: apply, reject keeping the last good set, then apply the fix', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rules-watch-'));
  const file = path.join(dir, 'rules.yaml');
  await fs.writeFile(file, rules(1));
  const changes: CompiledRuleSet[] = [];
  const watcher = new RuleFileWatcher({ dir, debounceMs: 30, onChange: (rs) => changes.push(rs) });
  t.onTestFinished(async () => {
    await watcher.close();
    await fs.rm(dir, { recursive: true });
  });
  const first = await watcher.start();
  assert.ok(first.ok);
  assert.equal(changes.length, 1);
  const level = () => watcher.current()!.thresholds[0]!.warning;
  assert.equal(level(), 1);

  await fs.writeFile(file, rules(2));
  await until(() => changes.length === 2);
  assert.equal(level(), 2);
  assert.equal(watcher.lastError(), undefined);

  // Broken: an unknown threshold. Rejected, reported with file and line, the last good set stays.
  await fs.writeFile(file, rules(3).replace('threshold: latency', 'threshold: latencyy'));
  await until(() => watcher.lastError() !== undefined);
  const failure = watcher.lastError()!;
  assert.equal(failure.errors[0]!.file, file);
  assert.equal(failure.errors[0]!.line, 8);
  assert.equal(changes.length, 2);
  assert.equal(level(), 2);

  await fs.writeFile(file, rules(4));
  await until(() => changes.length === 3);
  assert.equal(level(), 4);
  assert.equal(watcher.lastError(), undefined);

  // Same content again: no reload.
  await fs.writeFile(file, rules(4));
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(changes.length, 3);
});

test('threshold overrides apply to the running rules; invalid ones leave them as they were', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rules-watch-'));
  await fs.writeFile(path.join(dir, 'rules.yaml'), rules(1));
  const changes: CompiledRuleSet[] = [];
  const watcher = new RuleFileWatcher({ dir, onChange: (rs) => changes.push(rs) });
  t.onTestFinished(async () => {
    await watcher.close();
    await fs.rm(dir, { recursive: true });
  });
  await watcher.start();
  const applied = watcher.setThresholdOverrides({ latency: { warning: 1.5 } });
  assert.ok(applied.ok);
  const expr = () => watcher.current()!.groups[0]!.rules[0]!.expr;
  assert.equal(expr(), '(avg(x)) > 1.5');
  assert.equal(changes.length, 2);
  const rejected = watcher.setThresholdOverrides({ latency: { warning: 9 } });
  assert.equal(rejected.ok, false);
  assert.equal(expr(), '(avg(x)) > 1.5');
  // A file reload keeps the overrides in force.
  await watcher.reload();
  assert.equal(expr(), '(avg(x)) > 1.5');
});

test('a broken first load reports and serves nothing; the options are checked', async (t) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rules-watch-'));
  await fs.writeFile(path.join(dir, 'rules.yaml'), 'groups: [');
  const watcher = new RuleFileWatcher({ dir });
  t.onTestFinished(async () => {
    await watcher.close();
    await fs.rm(dir, { recursive: true });
  });
  const first = await watcher.start();
  assert.equal(first.ok, false);
  assert.equal(watcher.current(), undefined);
  assert.match(watcher.lastError()!.errors[0]!.reason, /^YAML:/);
  assert.throws(() => new RuleFileWatcher({ dir: '' }), /`dir` is required/);
  assert.throws(() => new RuleFileWatcher({ dir, debounceMs: -1 }), /debounceMs must be >= 0/);
});
