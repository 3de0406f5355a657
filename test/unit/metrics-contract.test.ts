// The metrics contract (src/metrics): one name per instrument, in Prometheus' conventions,
// documented in the README; the rules service's instruments carry its names and labels and start
// from zero; and the alerting pipeline's own health is alerted on and on the alerts dashboard.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../src/db/package-root.js';
import { ALL_METRICS, RULES_METRICS } from '../../src/metrics/index.js';
import { RulesMetrics } from '../../src/rules/engine/metrics.js';
import { loadRuleFiles } from '../../src/rules/files/index.js';
import { NotifierQueue } from '../../src/rules/notify/queue.js';
import { Scraper, SeriesStore } from '../../src/rules/scrape/index.js';
import { installMetricReader } from '../helpers/metric-reader.js';

const root = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

const collected = installMetricReader();

test('one instrument per name; counters end in _total, nothing else does', () => {
  const names = ALL_METRICS.map((m) => m.name);
  assert.deepEqual(names.filter((n, i) => names.indexOf(n) !== i), []);
  for (const m of ALL_METRICS) assert.equal(m.name.endsWith('_total'), m.kind === 'counter', m.name);
});

test('the README documents every metric of the contract', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const missing = ALL_METRICS.filter((m) => !readme.includes(`\`${m.name}`)).map((m) => m.name);
  assert.deepEqual(missing, []);
});

test("the rules service's instruments carry the contract's names and labels, each series from zero", async () => {
  const rules = new RulesMetrics({ rulesLoaded: () => 3, alertCounts: () => [{ state: 'firing', severity: 'warning', count: 1 }] });
  rules.groupEvaluated('api', 0.01);
  new NotifierQueue({ name: 'webhook', send: () => Promise.resolve() });
  const scraper = new Scraper({ store: new SeriesStore(), targets: [{ url: 'http://127.0.0.1:9/metrics', job: 'shop' }], intervalMs: 60_000 });
  scraper.start();
  await scraper.stop();

  const failures = await collected(RULES_METRICS.evaluationFailures);
  assert.deepEqual(failures?.dataPoints.map((p) => [p.attributes, p.value]), [[{ group: 'api' }, 0]]);
  const notifications = await collected(RULES_METRICS.notifications);
  assert.deepEqual(
    notifications?.dataPoints.map((p) => [p.attributes.result, p.attributes.receiver, p.value]).sort(),
    [['dropped', 'webhook', 0], ['failure', 'webhook', 0], ['retry', 'webhook', 0], ['success', 'webhook', 0]],
  );
  const scrapes = await collected(RULES_METRICS.scrapeFailures);
  // The scrape of a closed port failed once; the series existed from zero before it.
  assert.deepEqual(scrapes?.dataPoints.map((p) => p.attributes), [{ target: 'http://127.0.0.1:9/metrics', job: 'shop' }]);

  for (const spec of [RULES_METRICS.evaluationSeconds, RULES_METRICS.evaluationFailures, RULES_METRICS.rulesLoaded, RULES_METRICS.alerts, RULES_METRICS.notifications, RULES_METRICS.scrapeFailures]) {
    const m = await collected(spec);
    assert.ok(m, `${spec.name} not recorded`);
    assert.equal(m.descriptor.description, spec.description, spec.name);
    for (const p of m.dataPoints) assert.deepEqual(Object.keys(p.attributes).sort(), [...spec.labels].sort(), spec.name);
  }
  rules.close();
});

test("the rules service's own health is alerted on (alert-rules/) and shown on the alerts dashboard", async () => {
  const loaded = await loadRuleFiles(path.join(root, 'alert-rules'));
  assert.ok(loaded.ok);
  const alerts = loaded.ruleSet.groups.flatMap((g) => g.rules).filter((r) => r.kind === 'alert');
  const dashboard = JSON.parse(fs.readFileSync(path.join(root, 'grafana/dashboards/alerts.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
  const panelExprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));
  for (const spec of [RULES_METRICS.evaluationFailures, RULES_METRICS.notifications, RULES_METRICS.scrapeFailures]) {
    assert.ok(alerts.some((a) => a.expr.includes(spec.name)), `no alert in alert-rules/ reads ${spec.name}`);
    assert.ok(panelExprs.some((e) => e.includes(spec.name)), `no panel of the alerts dashboard reads ${spec.name}`);
  }
});
