// Threshold rules compile to one rule per level with the direction's operator; overrides
// recompile; SLOs compile to the standard burn-rate windows.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { applyThresholdOverrides, compileRuleSet, loadRuleTexts, parseDuration, formatDuration } from '../../src/rules/files/index.js';
import type { CompiledAlertRule, CompiledRuleSet } from '../../src/rules/types.js';

const FILE = `version: "7"
thresholds:
  latency: { warning: 0.1, critical: 0.5, direction: above, unit: s }
  hits: { warning: 70, critical: 50, direction: below }
groups:
  - name: g
    interval: 1m
    rules:
      - alert: HighApiLatency
        threshold: latency
        expr: avg(rate(x_sum[5m]))
        for: 5m
        keep_firing_for: 2m
        labels: { team: api }
        annotations:
          summary: "latency {{ $value }} over {{ $threshold }}s on {{ $labels.endpoint }}"
      - alert: LowHits
        threshold: hits
        severities: [critical]
        expr: 100 * avg(hit_ratio)
slos:
  - name: avail
    objective: 99.9
    sli:
      errors: sum(rate(e[{{ $window }}]))
      total: sum(rate(t[{{ $window }}]))
    alert: AvailBurn
`;

function load(overrides?: Parameters<typeof loadRuleTexts>[1]) {
  const r = loadRuleTexts([{ file: 'rules.yaml', text: FILE }], overrides);
  if (!r.ok) assert.fail(r.errors.map((e) => `${e.file}:${e.line}: ${e.reason}`).join('\n'));
  return r;
}

const alerts = (rs: CompiledRuleSet, name: string) =>
  rs.groups.flatMap((g) => g.rules).filter((r): r is CompiledAlertRule => r.kind === 'alert' && r.name === name);

test('a threshold rule compiles to warning and critical with the above operator', () => {
  const [warning, critical] = alerts(load().ruleSet, 'HighApiLatency');
  assert.equal(warning!.severity, 'warning');
  assert.equal(warning!.expr, '(avg(rate(x_sum[5m]))) > 0.1');
  assert.deepEqual(warning!.threshold, { name: 'latency', level: 'warning', value: 0.1 });
  assert.equal(critical!.severity, 'critical');
  assert.equal(critical!.expr, '(avg(rate(x_sum[5m]))) > 0.5');
  assert.deepEqual(critical!.labels, { team: 'api', severity: 'critical' });
  assert.equal(critical!.forMs, 300_000);
  assert.equal(critical!.keepFiringForMs, 120_000);
  assert.deepEqual(critical!.source, { file: 'rules.yaml', line: 9 });
  // {{ $threshold }} becomes the literal; the fire-time templates stay.
  assert.equal(warning!.annotations.summary, 'latency {{ $value }} over 0.1s on {{ $labels.endpoint }}');
  assert.equal(critical!.annotations.summary, 'latency {{ $value }} over 0.5s on {{ $labels.endpoint }}');
});

test('direction below compares with <, and `severities` limits the levels', () => {
  const rules = alerts(load().ruleSet, 'LowHits');
  assert.deepEqual(rules.map((r) => [r.severity, r.expr]), [['critical', '(100 * avg(hit_ratio)) < 50']]);
});

test('threshold overrides recompile the rules; the rest keep the file values', () => {
  const r = load({ latency: { warning: 0.2 } });
  const [warning, critical] = alerts(r.ruleSet, 'HighApiLatency');
  assert.equal(warning!.expr, '(avg(rate(x_sum[5m]))) > 0.2');
  assert.equal(critical!.expr, '(avg(rate(x_sum[5m]))) > 0.5');
  assert.equal(r.ruleSet.thresholds.find((t) => t.name === 'latency')!.warning, 0.2);
  // compileRuleSet on the parsed files: the runtime path of PUT thresholds.
  const applied = applyThresholdOverrides(r.parsed.thresholds, { hits: { critical: 40 } });
  assert.ok(applied.ok);
  const again = compileRuleSet(r.parsed, applied.thresholds);
  assert.ok(again.ok);
  assert.equal(alerts(again.ruleSet, 'LowHits')[0]!.expr, '(100 * avg(hit_ratio)) < 40');
  assert.equal(alerts(again.ruleSet, 'HighApiLatency')[0]!.expr, '(avg(rate(x_sum[5m]))) > 0.1');
});

test('invalid overrides are rejected with the reason', () => {
  const unknown = applyThresholdOverrides(load().parsed.thresholds, { nope: { warning: 1 } });
  assert.equal(unknown.ok, false);
  if (!unknown.ok) assert.match(unknown.errors[0]!.reason, /unknown threshold "nope"/);
  const order = loadRuleTexts([{ file: 'rules.yaml', text: FILE }], { latency: { warning: 0.9 } });
  assert.equal(order.ok, false);
  if (!order.ok) assert.match(order.errors[0]!.reason, /warning \(0\.9\) must not be above critical \(0\.5\)/);
});

test('an SLO compiles to SLI recording rules per window and the two burn-rate alerts', () => {
  const rs = load().ruleSet;
  const g = rs.groups.find((x) => x.name === 'slo-avail')!;
  const records = g.rules.filter((r) => r.kind === 'record');
  assert.deepEqual(records.map((r) => r.kind === 'record' && r.record), ['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((w) => `slo:sli_error:ratio_rate${w}`));
  assert.equal(records[0]!.expr, '((sum(rate(e[5m]))) or 0 * (sum(rate(t[5m])))) / ((sum(rate(t[5m]))) > 0)');
  const [critical, warning] = alerts(rs, 'AvailBurn');
  assert.equal(
    critical!.expr,
    '(slo:sli_error:ratio_rate5m{slo="avail"} > 0.0144 and slo:sli_error:ratio_rate1h{slo="avail"} > 0.0144) or ' +
      '(slo:sli_error:ratio_rate30m{slo="avail"} > 0.006 and slo:sli_error:ratio_rate6h{slo="avail"} > 0.006)',
  );
  assert.equal(
    warning!.expr,
    '(slo:sli_error:ratio_rate2h{slo="avail"} > 0.003 and slo:sli_error:ratio_rate1d{slo="avail"} > 0.003) or ' +
      '(slo:sli_error:ratio_rate6h{slo="avail"} > 0.001 and slo:sli_error:ratio_rate3d{slo="avail"} > 0.001)',
  );
  assert.deepEqual(warning!.labels, { slo: 'avail', severity: 'warning' });
});

test('the rule set carries version, file hashes and thresholds', () => {
  const rs = load().ruleSet;
  assert.equal(rs.version, '7');
  assert.equal(rs.files[0]!.path, 'rules.yaml');
  assert.match(rs.files[0]!.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(rs.thresholds.map((t) => t.name), ['latency', 'hits']);
  assert.equal(rs.groups[0]!.intervalMs, 60_000);
});

test('durations round-trip in Prometheus spelling', () => {
  for (const [text, ms] of [['5m', 300_000], ['1h30m', 5_400_000], ['250ms', 250], ['1d', 86_400_000], ['0s', 0]] as const) {
    assert.equal(parseDuration(text), ms, text);
    assert.equal(formatDuration(ms), text);
  }
  for (const bad of ['5', '5 m', '1m1h', 'm', '-1m']) assert.equal(parseDuration(bad), undefined, bad);
});
