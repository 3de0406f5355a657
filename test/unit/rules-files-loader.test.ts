// Every loader error class names the right file and line (broken fixtures in a temp dir).
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { loadRuleFiles } from '../../src/rules/files/index.js';

const BASE = `version: "1"
thresholds:
  latency:
    warning: 0.1
    critical: 0.5
    direction: above
`;

async function dirWith(files: Record<string, string>): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rules-loader-'));
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text);
  return dir;
}

/** Loads `files` and returns the errors as `name:line: reason` (name relative to the dir). */
async function errorsOf(files: Record<string, string>): Promise<Array<{ at: string; reason: string }>> {
  const dir = await dirWith(files);
  const result = await loadRuleFiles(dir);
  await fs.rm(dir, { recursive: true });
  assert.equal(result.ok, false, 'expected the load to fail');
  if (result.ok) return [];
  return result.errors.map((e) => ({ at: `${path.basename(e.file)}:${e.line}`, reason: e.reason }));
}

const group = (rules: string) => `groups:
  - name: g
    rules:
${rules}`;

test('YAML syntax error: file and line of the bad token', async () => {
  const errors = await errorsOf({ 'a.yaml': BASE, 'b.yaml': 'groups:\n  - name: g\n    rules: [\n      { alert: X\n' });
  assert.equal(errors[0]!.at.split(':')[0], 'b.yaml');
  assert.match(errors[0]!.reason, /^YAML: /);
  assert.ok(Number(errors[0]!.at.split(':')[1]) >= 3, errors[0]!.at);
});

test('duplicate YAML key is a syntax error at its line', async () => {
  const errors = await errorsOf({ 'a.yaml': BASE + 'version: "2"\n' });
  assert.equal(errors[0]!.at, 'a.yaml:7');
  assert.match(errors[0]!.reason, /unique/i);
});

test('schema: unknown key reported at the key, with its path', async () => {
  const rules = '      - alert: A\n        severity: warning\n        expr: up == 0\n        keep_firing: 5m\n';
  const errors = await errorsOf({ 'a.yaml': BASE + group(rules) });
  assert.deepEqual(errors, [{ at: 'a.yaml:13', reason: 'groups[0].rules[0]: unknown key "keep_firing"' }]);
});

test('schema: wrong type and missing key at the offending node', async () => {
  const errors = await errorsOf({ 'a.yaml': BASE + 'recommendations:\n  - id: r\n    category: c\n    priority: urgent\n    title: t\n' });
  const byReason = errors.map((e) => `${e.at} ${e.reason}`);
  assert.ok(byReason.some((r) => r.startsWith('a.yaml:10 recommendations[0].priority:')), byReason.join('\n'));
  assert.ok(byReason.some((r) => r.startsWith('a.yaml:8 recommendations[0].description: missing required key')), byReason.join('\n'));
});

test('threshold levels in the wrong order', async () => {
  const errors = await errorsOf({ 'a.yaml': 'version: "1"\nthresholds:\n  hit:\n    warning: 0.5\n    critical: 0.7\n    direction: below\n' });
  assert.deepEqual(errors, [{ at: 'a.yaml:3', reason: 'threshold "hit": warning (0.5) must not be below critical (0.7) when lower is worse' }]);
});

test('unknown threshold reference at the `threshold:` line', async () => {
  const rules = '      - alert: A\n        expr: x\n        threshold: latencyy\n';
  const errors = await errorsOf({ 'a.yaml': BASE, 'b.yaml': group(rules) });
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.at, 'b.yaml:6');
  assert.match(errors[0]!.reason, /unknown threshold "latencyy"; defined: latency/);
});

test('duplicate alert names across files name both places', async () => {
  const a = group('      - alert: Dup\n        severity: warning\n        expr: up == 0\n');
  const b = 'groups:\n  - name: other\n    rules:\n      - alert: Dup\n        severity: critical\n        expr: up == 0\n';
  const errors = await errorsOf({ 'a.yaml': BASE + a, 'b.yaml': b });
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.at, 'b.yaml:4');
  assert.match(errors[0]!.reason, /duplicate alert name "Dup" \(first defined at .*a\.yaml:10\)/);
});

test('bad duration at the `for:` line', async () => {
  const rules = '      - alert: A\n        severity: warning\n        expr: up == 0\n        for: 5 minutes\n';
  const errors = await errorsOf({ 'a.yaml': BASE + group(rules) });
  assert.deepEqual(errors, [{ at: 'a.yaml:13', reason: 'groups[0].rules[0].for: bad duration "5 minutes": expected e.g. 30s, 5m, 1h30m' }]);
});

test('invalid PromQL: the line of the expr, and inside a block scalar the line of the error', async () => {
  const inline = '      - alert: A\n        severity: warning\n        expr: sum(rate(x[5m]) > 1\n';
  const e1 = await errorsOf({ 'a.yaml': BASE + group(inline) });
  assert.equal(e1[0]!.at, 'a.yaml:12');
  assert.match(e1[0]!.reason, /^groups\[0\]\.rules\[0\]\.expr: invalid PromQL/);
  const block = '      - alert: A\n        severity: warning\n        expr: |\n          sum(rate(x[5m]))\n            / sum(rate(y[5q]))\n';
  const e2 = await errorsOf({ 'a.yaml': BASE + group(block) });
  assert.equal(e2[0]!.at, 'a.yaml:14');
  assert.match(e2[0]!.reason, /invalid PromQL at column/);
});

test('rule consistency: threshold and severity together, {{ $threshold }} without a threshold', async () => {
  const rules =
    '      - alert: A\n        severity: warning\n        threshold: latency\n        expr: x\n' +
    '      - alert: B\n        severity: warning\n        expr: up == 0\n        annotations:\n          summary: "over {{ $threshold }}"\n';
  const errors = await errorsOf({ 'a.yaml': BASE + group(rules) });
  assert.deepEqual(
    errors.map((e) => e.at),
    ['a.yaml:11', 'a.yaml:17'],
  );
  assert.match(errors[1]!.reason, /\{\{ \$threshold \}\} is only known for rules with `threshold`/);
});

test('versions that disagree, and no version at all', async () => {
  const e1 = await errorsOf({ 'a.yaml': BASE, 'b.yaml': 'version: "2"\n' });
  assert.equal(e1[0]!.at, 'b.yaml:1');
  assert.match(e1[0]!.reason, /version "2" differs from "1"/);
  const e2 = await errorsOf({ 'a.yaml': 'thresholds: {}\n' });
  assert.match(e2[0]!.reason, /no rule file sets `version`/);
});

test('a recommendation naming an unknown alert, at the entry', async () => {
  const rec = 'recommendations:\n  - id: r\n    category: c\n    priority: low\n    title: t\n    description: d\n    impact: i\n    effort: low\n    implementation: x\n    when:\n      alerts:\n        - Nope\n';
  const errors = await errorsOf({ 'a.yaml': BASE + rec });
  assert.deepEqual(errors, [{ at: 'a.yaml:18', reason: 'recommendation refers to unknown alert "Nope"' }]);
});

test('an SLI without {{ $window }}', async () => {
  const slo = 'slos:\n  - name: s\n    objective: 99\n    sli:\n      errors: sum(rate(e[5m]))\n      total: sum(rate(t[{{ $window }}]))\n    alert: S\n';
  const errors = await errorsOf({ 'a.yaml': BASE + slo });
  assert.equal(errors[0]!.at, 'a.yaml:11');
  assert.match(errors[0]!.reason, /needs \{\{ \$window \}\}/);
});

test('a directory without rule files, and one that does not exist', async () => {
  const empty = await dirWith({});
  const r1 = await loadRuleFiles(empty);
  assert.equal(r1.ok, false);
  if (!r1.ok) assert.match(r1.errors[0]!.reason, /no \*\.yaml rule files/);
  const r2 = await loadRuleFiles(path.join(empty, 'missing'));
  assert.equal(r2.ok, false);
  if (!r2.ok) assert.match(r2.errors[0]!.reason, /cannot read the rule directory/);
});

test('checkExpr option: the evaluator\'s own refusal is reported at the rule', async () => {
  const rules = '      - alert: A\n        severity: warning\n        expr: x offset 5m > 1\n';
  const dir = await dirWith({ 'a.yaml': BASE + group(rules) });
  const result = await loadRuleFiles(dir, undefined, {
    checkExpr: (expr) => {
      if (expr.includes('offset')) throw new Error('offset is not supported');
    },
  });
  assert.equal(result.ok, false);
  if (!result.ok) assert.deepEqual(result.errors.map((e) => [path.basename(e.file), e.line, e.reason]), [['a.yaml', 10, 'alert "A": offset is not supported']]);
});
