// Inhibition in the embedded rules service, as Alertmanager does it: one low cache hit rate
// fires three alerts (CacheHitRateLow warning and critical, seed 000's LowCacheHitRatio) and is
// notified once; the others are listed with inhibited_by and notified when the inhibiting alert
// ends. The shipped rules say so, alertmanager.yml says the same, and bad matchers are refused.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { parse } from 'yaml';
import { inhibitedBy } from '../../src/rules/engine/inhibit.js';
import { parseMatcher } from '../../src/rules/engine/matchers.js';
import { loadRuleFiles } from '../../src/rules/files/index.js';
import { parseRuleFile } from '../../src/rules/files/parse.js';
import { RulesService } from '../../src/rules/service.js';
import type { InhibitRule } from '../../src/rules/types.js';
import { alertRule, CollectingNotifier, ruleSetOf, sample, ScriptedSource, testClock } from '../helpers/rules-engine.js';
import { repoRoot } from '../helpers/spawn-server.js';

const SHIPPED: InhibitRule[] = [
  { source: [parseMatcher('severity="critical"')], target: [parseMatcher('severity="warning"')], equal: ['alertname', 'endpoint', 'model_name', 'query_type', 'slo'] },
  { source: [parseMatcher('alertname="CacheHitRateLow"')], target: [parseMatcher('alertname="LowCacheHitRatio"')], equal: [] },
];

test('matchers: Alertmanager strings, quoted or not; a bad one names what is expected', () => {
  assert.deepEqual(parseMatcher('severity="critical"'), { name: 'severity', value: 'critical', isRegex: false, isEqual: true });
  assert.deepEqual(parseMatcher('job!~api.*'), { name: 'job', value: 'api.*', isRegex: true, isEqual: false });
  assert.deepEqual(parseMatcher('summary="say \\"hi\\""'), { name: 'summary', value: 'say "hi"', isRegex: false, isEqual: true });
  assert.throws(() => parseMatcher('severity'), /invalid matcher "severity": expected name="value"/);
  assert.throws(() => parseMatcher('x=~"("'), /invalid matcher/);
});

test('inhibitedBy: source fires, target matches, equal labels agree; never itself', () => {
  const crit = { id: '1', fingerprint: 'c', labels: { alertname: 'ApiResponseTimeHigh', severity: 'critical', endpoint: '/a' } };
  const warnSame = { fingerprint: 'w', labels: { alertname: 'ApiResponseTimeHigh', severity: 'warning', endpoint: '/a' } };
  const warnOther = { fingerprint: 'o', labels: { alertname: 'ApiResponseTimeHigh', severity: 'warning', endpoint: '/b' } };
  assert.deepEqual(inhibitedBy(SHIPPED, [crit], warnSame), ['1']);
  assert.deepEqual(inhibitedBy(SHIPPED, [crit], warnOther), [], 'another endpoint is not the same alert');
  assert.deepEqual(inhibitedBy(SHIPPED, [crit], { ...crit }), []);
});

test('one low hit rate: three alerts fire, one is notified; the others follow when it ends', async () => {
  const clock = testClock();
  const hitRate = { value: 40 };
  const src = new ScriptedSource()
    .set('rate_warning', () => (hitRate.value < 70 ? [sample(hitRate.value)] : []))
    .set('rate_critical', () => (hitRate.value < 50 ? [sample(hitRate.value)] : []))
    .set('seed000', () => (hitRate.value < 50 ? [sample(hitRate.value / 100)] : []));
  const rules = [
    alertRule({ name: 'CacheHitRateLow', expr: 'rate_warning', severity: 'warning' }),
    alertRule({ name: 'CacheHitRateLow', expr: 'rate_critical', severity: 'critical' }),
    alertRule({ name: 'LowCacheHitRatio', expr: 'seed000', severity: 'warning' }),
  ];
  const receiver = new CollectingNotifier();
  const ruleSet = { ...ruleSetOf(rules), inhibitRules: SHIPPED };
  const service = new RulesService({ source: src, ruleSet: () => ruleSet, notifiers: [receiver], clock: clock.now });
  const report = await service.evaluateOnce();
  await service.notificationsIdle();
  assert.deepEqual(receiver.sent, ['firing CacheHitRateLow']);
  assert.equal(receiver.batches[0]![0]!.labels.severity, 'critical');
  assert.equal(report.groups[0]!.inhibited, 2);
  const listed = await service.alerts({ state: 'firing' });
  assert.equal(listed.length, 3, 'inhibited alerts stay listed');
  const critical = listed.find((a) => a.severity === 'critical')!;
  const warning = listed.find((a) => a.alertname === 'CacheHitRateLow' && a.severity === 'warning')!;
  const seed000 = listed.find((a) => a.alertname === 'LowCacheHitRatio')!;
  assert.deepEqual(warning.inhibitedBy, [critical.id]);
  assert.deepEqual(seed000.inhibitedBy!.sort(), [critical.id, warning.id].sort(), 'both levels of CacheHitRateLow inhibit it');
  assert.deepEqual(critical.inhibitedBy, []);

  // The hit rate recovers to 60%: the critical level and seed 000's alert clear, the warning remains.
  hitRate.value = 60;
  clock.advance(30_000);
  await service.evaluateOnce();
  await service.notificationsIdle();
  assert.deepEqual(receiver.sent.slice(1).sort(), ['firing CacheHitRateLow', 'resolved CacheHitRateLow']);
  const now = receiver.batches.at(-1)!;
  assert.equal(now.find((a) => a.status === 'firing')!.labels.severity, 'warning', 'the warning is notified once no longer inhibited');
  assert.ok(!receiver.sent.includes('resolved LowCacheHitRatio'), 'an alert never notified is not notified as resolved');
  await service.stop(0);
});

test('the shipped rule files carry the inhibit rules, and alertmanager.yml the same ones', async () => {
  const loaded = await loadRuleFiles(path.join(repoRoot, 'alert-rules'));
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
  assert.deepEqual(loaded.ruleSet.inhibitRules, SHIPPED);
  const am = parse(fs.readFileSync(path.join(repoRoot, 'alertmanager/alertmanager.yml'), 'utf8')) as { inhibit_rules: Array<Record<string, string[]>> };
  const fromAm = am.inhibit_rules.map((r) => ({ source: r.source_matchers!.map(parseMatcher), target: r.target_matchers!.map(parseMatcher), equal: r.equal ?? [] }));
  assert.deepEqual(fromAm, SHIPPED);
});

test('a bad matcher in a rule file is refused at its line', () => {
  const r = parseRuleFile('x.yaml', 'inhibit_rules:\n  - source_matchers: [\'severity="critical"\']\n    target_matchers: [\'severity\']\n');
  assert.equal(r.ok, false);
  assert.ok(!r.ok && r.errors.some((e) => e.line === 3 && /inhibit_rules\[0\]\.target_matchers\[0\]: invalid matcher "severity"/.test(e.reason)), JSON.stringify(!r.ok && r.errors));
});
