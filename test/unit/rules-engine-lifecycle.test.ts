// The alert lifecycle as Prometheus defines it, driven through RulesService.evaluateOnce with a
// scripted source and the in-memory store: every transition, identity by labels, failures,
// removed rules and recording rules.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { RulesService } from '../../src/rules/service.js';
import type { CompiledAlertRule, CompiledRecordingRule } from '../../src/rules/types.js';
import { alertRule, recordingRule, ruleSetOf, sample, ScriptedSource, testClock } from '../helpers/rules-engine.js';

const T0 = Date.parse('2025-01-20T10:00:00Z');
const S = 1000;

function setup(rules: Array<CompiledAlertRule | CompiledRecordingRule>, source = new ScriptedSource()) {
  let current = ruleSetOf(rules);
  const service = new RulesService({ source, ruleSet: () => current, clock: testClock().now });
  return { service, source, setRules: (r: typeof rules) => void (current = ruleSetOf(r)) };
}

const states = async (service: RulesService) => (await service.alerts()).map((a) => a.state);

test('inactive → pending → firing → resolved with for: 60s, every transition in history', async () => {
  const { service, source } = setup([alertRule({ name: 'HighLatency', expr: 'latency > 0.1', forMs: 60 * S })]);
  assert.deepEqual(await states(service), [], 'nothing tracked while inactive');
  await service.evaluateOnce(T0);
  assert.deepEqual(await states(service), []);

  source.set('latency > 0.1', [sample(0.25)]);
  await service.evaluateOnce(T0 + 15 * S);
  assert.deepEqual(await states(service), ['pending']);
  await service.evaluateOnce(T0 + 60 * S);
  assert.deepEqual(await states(service), ['pending'], '45 s active is less than for: 60s');
  await service.evaluateOnce(T0 + 75 * S);
  const [firing] = await service.alerts();
  assert.equal(firing!.state, 'firing');
  assert.equal(firing!.activeAt, new Date(T0 + 15 * S).toISOString());
  assert.equal(firing!.firedAt, new Date(T0 + 75 * S).toISOString());

  source.set('latency > 0.1', []);
  await service.evaluateOnce(T0 + 90 * S);
  const [resolved] = await service.alerts();
  assert.equal(resolved!.state, 'resolved');
  assert.equal(resolved!.resolvedAt, new Date(T0 + 90 * S).toISOString());
  assert.equal(resolved!.resolvedBy, null, 'automatic resolution has no actor');
  const steps = (await service.history()).reverse().map((h) => `${h.from}→${h.to}`);
  assert.deepEqual(steps, ['inactive→pending', 'pending→firing', 'firing→resolved']);
});

test('for: 0 fires on the first evaluation that sees the series', async () => {
  const { service, source } = setup([alertRule({ name: 'Down', expr: 'up == 0' })]);
  source.set('up == 0', [sample(0, { job: 'api' })]);
  const report = await service.evaluateOnce(T0);
  assert.equal(report.firing, 1);
  const [a] = await service.alerts();
  assert.equal(a!.state, 'firing');
  assert.equal(a!.activeAt, a!.firedAt);
});

test('a pending alert whose condition stops is forgotten; the next start counts for afresh (flapping)', async () => {
  const { service, source } = setup([alertRule({ name: 'Flappy', expr: 'x > 1', forMs: 30 * S })]);
  const on = () => source.set('x > 1', [sample(2)]);
  const off = () => source.set('x > 1', []);
  on();
  await service.evaluateOnce(T0);
  off();
  await service.evaluateOnce(T0 + 15 * S);
  assert.deepEqual(await states(service), [], 'pending that clears is dropped, not resolved');
  on();
  await service.evaluateOnce(T0 + 30 * S);
  await service.evaluateOnce(T0 + 45 * S);
  assert.deepEqual(await states(service), ['pending'], 'activeAt restarted at T0+30s, so 15 s is not enough');
  await service.evaluateOnce(T0 + 60 * S);
  assert.deepEqual(await states(service), ['firing']);
  const steps = (await service.history()).reverse().map((h) => `${h.from}→${h.to}`);
  assert.deepEqual(steps, ['inactive→pending', 'pending→inactive', 'inactive→pending', 'pending→firing']);
});

test('keep_firing_for holds a firing alert after its condition stops, then resolves it', async () => {
  const { service, source } = setup([alertRule({ name: 'Held', expr: 'y > 1', keepFiringForMs: 60 * S })]);
  source.set('y > 1', [sample(5)]);
  await service.evaluateOnce(T0);
  source.set('y > 1', []);
  await service.evaluateOnce(T0 + 15 * S);
  await service.evaluateOnce(T0 + 60 * S);
  assert.deepEqual(await states(service), ['firing'], 'held for 45 s of 60');
  assert.equal((await service.alerts())[0]!.value, 5, 'the last value is kept while held');
  await service.evaluateOnce(T0 + 75 * S);
  assert.deepEqual(await states(service), ['resolved'], '60 s after the condition stopped');
});

test('keep_firing_for: the condition returning while held cancels the hold', async () => {
  const { service, source } = setup([alertRule({ name: 'Held', expr: 'y > 1', keepFiringForMs: 30 * S })]);
  source.set('y > 1', [sample(5)]);
  await service.evaluateOnce(T0);
  source.set('y > 1', []);
  await service.evaluateOnce(T0 + 15 * S);
  source.set('y > 1', [sample(6)]);
  await service.evaluateOnce(T0 + 30 * S);
  source.set('y > 1', []);
  await service.evaluateOnce(T0 + 45 * S);
  assert.deepEqual(await states(service), ['firing'], 'a new hold started at T0+45s');
  await service.evaluateOnce(T0 + 75 * S);
  assert.deepEqual(await states(service), ['resolved']);
  assert.equal((await service.alerts()).length, 1, 'one instance throughout');
});

test('identity is the label set: two series are two alerts; rule labels win over series labels', async () => {
  const rule = alertRule({ name: 'CityLatency', expr: 'lat > 1', labels: { team: 'forecast', city: 'rule-wins' } });
  const { service, source } = setup([rule]);
  source.set('lat > 1', [
    sample(2, { __name__: 'lat', endpoint: '/a', city: 'paris' }),
    sample(3, { __name__: 'lat', endpoint: '/b', city: 'oslo' }),
  ]);
  await service.evaluateOnce(T0);
  const alerts = await service.alerts();
  assert.equal(alerts.length, 2);
  assert.notEqual(alerts[0]!.fingerprint, alerts[1]!.fingerprint);
  const a = alerts.find((x) => x.labels.endpoint === '/a')!;
  assert.deepEqual(a.labels, { alertname: 'CityLatency', endpoint: '/a', city: 'rule-wins', team: 'forecast', severity: 'warning' });
  // The same series in another order of labels is the same alert: no new instance.
  source.set('lat > 1', [sample(4, { city: 'oslo', endpoint: '/b' }), sample(5, { endpoint: '/a', city: 'paris' })]);
  await service.evaluateOnce(T0 + 15 * S);
  const again = await service.alerts();
  assert.equal(again.length, 2);
  assert.deepEqual(again.map((x) => x.id).sort(), alerts.map((x) => x.id).sort());
  assert.equal(again.find((x) => x.labels.endpoint === '/a')!.value, 5);
});

test('warning and critical rules of one threshold are separate alerts (severity is identity)', async () => {
  const source = new ScriptedSource();
  const { service } = setup(
    [
      alertRule({ name: 'CacheHitRateLow', expr: 'hit < 80', severity: 'warning', threshold: { name: 'cache_hit_rate', level: 'warning', value: 80 } }),
      alertRule({ name: 'CacheHitRateLow', expr: 'hit < 50', severity: 'critical', threshold: { name: 'cache_hit_rate', level: 'critical', value: 50 } }),
    ],
    source,
  );
  source.set('hit < 80', [sample(40)]).set('hit < 50', [sample(40)]);
  await service.evaluateOnce(T0);
  const alerts = await service.alerts();
  assert.deepEqual(alerts.map((a) => a.severity).sort(), ['critical', 'warning']);
  assert.deepEqual((await service.alerts({ severity: 'critical' }))[0]!.threshold, { name: 'cache_hit_rate', value: 50 });
});

test('a failing query leaves the rule alerts as they were and is counted', async () => {
  const { service, source } = setup([alertRule({ name: 'A', expr: 'a > 1' }), alertRule({ name: 'B', expr: 'b > 1' })]);
  source.set('a > 1', [sample(2)]).set('b > 1', [sample(2)]);
  await service.evaluateOnce(T0);
  source.set('a > 1', new Error('connection refused'));
  source.set('b > 1', []);
  const report = await service.evaluateOnce(T0 + 15 * S);
  assert.equal(report.failures, 1);
  const byName = Object.fromEntries((await service.alerts()).map((a) => [a.alertname, a.state]));
  assert.deepEqual(byName, { A: 'firing', B: 'resolved' }, 'A is not resolved by a failed query; B still evaluates');
});

test('alerts of a rule removed from the rule set are resolved', async () => {
  const keep = alertRule({ name: 'Keep', expr: 'k > 1' });
  const gone = alertRule({ name: 'Gone', expr: 'g > 1' });
  const { service, source, setRules } = setup([keep, gone]);
  source.set('k > 1', [sample(2)]).set('g > 1', [sample(2)]);
  await service.evaluateOnce(T0);
  setRules([keep]);
  await service.evaluateOnce(T0 + 15 * S);
  const byName = Object.fromEntries((await service.alerts()).map((a) => [a.alertname, a.state]));
  assert.deepEqual(byName, { Keep: 'firing', Gone: 'resolved' });
});

test('a changed threshold keeps the alert (identity is group, name and severity, not the expression)', async () => {
  const { service, source, setRules } = setup([alertRule({ name: 'Lat', expr: 'lat > 0.1', threshold: { name: 'lat', level: 'warning', value: 0.1 } })]);
  source.set('lat > 0.1', [sample(0.3)]).set('lat > 0.2', [sample(0.3)]);
  await service.evaluateOnce(T0);
  setRules([alertRule({ name: 'Lat', expr: 'lat > 0.2', threshold: { name: 'lat', level: 'warning', value: 0.2 } })]);
  await service.evaluateOnce(T0 + 15 * S);
  const alerts = await service.alerts();
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0]!.state, 'firing');
  assert.equal(alerts[0]!.threshold!.value, 0.2);
});

test('recording rules: results kept, handed to onRecorded, and evaluated before later rules of the group', async () => {
  const source = new ScriptedSource('embedded');
  const recorded: Array<{ name: string; n: number; t: number }> = [];
  let fed = 0;
  source.set('sum(rate(req[5m]))', [sample(12, { job: 'api' })]);
  // The alert reads what the recording rule produced: it sees it only if the hook ran first.
  source.set('job:req:rate5m > 10', () => (fed ? [sample(12, { job: 'api' })] : []));
  const rules = [recordingRule('job:req:rate5m', 'sum(rate(req[5m]))', { env: 'test' }), alertRule({ name: 'Busy', expr: 'job:req:rate5m > 10' })];
  const service = new RulesService({
    source,
    ruleSet: () => ruleSetOf(rules),
    onRecorded: (name, samples, t) => {
      fed++;
      recorded.push({ name, n: samples.length, t });
    },
  });
  await service.evaluateOnce(T0);
  assert.deepEqual(recorded, [{ name: 'job:req:rate5m', n: 1, t: T0 }]);
  assert.deepEqual(service.recorded('job:req:rate5m'), [{ labels: { job: 'api', env: 'test', __name__: 'job:req:rate5m' }, value: 12 }]);
  assert.deepEqual(await states(service), ['firing']);
});

test('recording rules are not evaluated against Prometheus by default (Prometheus records them)', async () => {
  const source = new ScriptedSource('prometheus');
  const service = new RulesService({ source, ruleSet: () => ruleSetOf([recordingRule('r', 'sum(x)')]) });
  await service.evaluateOnce(T0);
  assert.deepEqual(source.calls, []);
});

test('two series that become one alert once labels are applied fail the rule, as in Prometheus', async () => {
  const { service, source } = setup([alertRule({ name: 'Dup', expr: 'm > 0' })]);
  source.set('m > 0', [sample(1, { __name__: 'a' }), sample(2, { __name__: 'b' })]);
  const report = await service.evaluateOnce(T0);
  assert.equal(report.failures, 1);
  assert.deepEqual(await states(service), []);
});
