// The Prometheus and Grafana exports of a compiled rule set: structure and field names.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { parse } from 'yaml';
import { exportGrafana, exportPrometheus, grafanaUid } from '../../src/rules/export/index.js';
import { loadRuleTexts } from '../../src/rules/files/index.js';

const FILE = `version: "3"
thresholds:
  hits: { warning: 70, critical: 50, direction: below }
groups:
  - name: cache
    interval: 1m
    rules:
      - record: job:hits:avg
        expr: avg(cache_hit_ratio)
      - alert: CacheHitRateLow
        threshold: hits
        expr: 100 * avg(cache_hit_ratio)
        for: 5m
        keep_firing_for: 1m
        annotations: { summary: "below {{ $threshold }}%" }
      - alert: PoolHigh
        severity: critical
        expr: avg(db_connection_pool_size) > 80
`;

const loaded = loadRuleTexts([{ file: 'r.yaml', text: FILE }]);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const ruleSet = loaded.ruleSet;

test('prometheus: one alert per severity, recording rules, durations and labels', () => {
  const files = exportPrometheus(ruleSet);
  assert.deepEqual(Object.keys(files), ['foresight-rules.yml']);
  const doc = parse(files['foresight-rules.yml']!);
  const [group] = doc.groups;
  assert.equal(group.name, 'cache');
  assert.equal(group.interval, '1m');
  assert.deepEqual(group.rules[0], { record: 'job:hits:avg', expr: 'avg(cache_hit_ratio)' });
  assert.deepEqual(group.rules[1], {
    alert: 'CacheHitRateLow',
    expr: '(100 * avg(cache_hit_ratio)) < 70',
    for: '5m',
    keep_firing_for: '1m',
    labels: { severity: 'warning' },
    annotations: { summary: 'below 70%' },
  });
  assert.equal(group.rules[2].expr, '(100 * avg(cache_hit_ratio)) < 50');
  assert.deepEqual(group.rules[3], { alert: 'PoolHigh', expr: 'avg(db_connection_pool_size) > 80', labels: { severity: 'critical' } });
});

test('grafana: rule groups with query, reduce and threshold steps', () => {
  const files = exportGrafana(ruleSet, { datasourceUid: 'prom-uid', folder: 'ops' });
  assert.deepEqual(Object.keys(files).sort(), ['alert-rules.yaml', 'contact-points.yaml', 'policies.yaml']);
  const doc = parse(files['alert-rules.yaml']!);
  assert.equal(doc.apiVersion, 1);
  const [group] = doc.groups;
  assert.deepEqual([group.orgId, group.name, group.folder, group.interval], [1, 'cache', 'ops', '1m']);
  assert.deepEqual(group.rules.map((r: any) => r.uid), ['cachehitratelow-warning', 'cachehitratelow-critical', 'poolhigh-critical']);
  const critical = group.rules[1];
  // Titles are unique per folder in Grafana: the two levels of a threshold rule carry their severity.
  assert.deepEqual(group.rules.map((r: any) => r.title), ['CacheHitRateLow (warning)', 'CacheHitRateLow (critical)', 'PoolHigh']);
  assert.equal(critical.condition, 'C');
  assert.deepEqual(critical.data.map((d: any) => [d.refId, d.datasourceUid]), [['A', 'prom-uid'], ['B', '__expr__'], ['C', '__expr__']]);
  assert.equal(critical.data[0].model.expr, '100 * avg(cache_hit_ratio)');
  assert.deepEqual(critical.data[1].model, { refId: 'B', datasource: { type: '__expr__', uid: '__expr__' }, type: 'reduce', expression: 'A', reducer: 'last' });
  assert.deepEqual(critical.data[2].model.conditions, [{ evaluator: { type: 'lt', params: [50] } }]);
  assert.equal(critical.data[2].model.type, 'threshold');
  assert.equal(critical.data[2].model.expression, 'B');
  assert.deepEqual([critical.for, critical.noDataState, critical.execErrState], ['5m', 'OK', 'Error']);
  assert.deepEqual(critical.labels, { severity: 'critical' });
  assert.deepEqual(critical.annotations, { summary: 'below 50%' });
  // A rule with its own comparison: 1 per firing series, compared > 0.
  const pool = group.rules[2];
  assert.equal(pool.data[0].model.expr, '((avg(db_connection_pool_size) > 80) * 0) + 1');
  assert.deepEqual(pool.data[2].model.conditions, [{ evaluator: { type: 'gt', params: [0] } }]);
});

test('grafana: contact points and severity routes, with and without Alertmanager', () => {
  const plain = exportGrafana(ruleSet, { webhookUrl: 'http://rules:8080/hook' });
  const cps = parse(plain['contact-points.yaml']!);
  assert.deepEqual(cps.contactPoints, [
    { orgId: 1, name: 'foresight-rules-service', receivers: [{ uid: 'foresight-webhook', type: 'webhook', settings: { url: 'http://rules:8080/hook', httpMethod: 'POST' } }] },
  ]);
  const policy = parse(plain['policies.yaml']!).policies[0];
  assert.equal(policy.receiver, 'foresight-rules-service');
  assert.deepEqual(policy.routes.map((r: any) => r.object_matchers), [[['severity', '=', 'critical']], [['severity', '=', 'warning']]]);

  const withAm = exportGrafana(ruleSet, { alertmanagerUrl: 'http://alertmanager:9093' });
  const am = parse(withAm['contact-points.yaml']!).contactPoints[1];
  assert.deepEqual(am.receivers[0], { uid: 'foresight-alertmanager', type: 'prometheus-alertmanager', settings: { url: 'http://alertmanager:9093' } });
  const routes = parse(withAm['policies.yaml']!).policies[0].routes;
  assert.equal(routes[0].continue, true);
  assert.equal(routes[1].receiver, 'foresight-alertmanager');
});

test('grafana UIDs stay within 40 characters and unique', () => {
  const long = grafanaUid({ name: 'AVeryLongAlertNameThatGoesOnAndOnForever', severity: 'critical' });
  assert.ok(long.length <= 40);
  assert.notEqual(long, grafanaUid({ name: 'AVeryLongAlertNameThatGoesOnAndOnForever', severity: 'warning' }));
});
