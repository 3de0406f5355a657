// Grafana alerting provisioning of the stack, held to the checks Grafana 11.4 applies when it
// provisions (test/helpers/grafana-provisioning.ts names the sources). A rule file Grafana
// refuses stops Grafana at start, and compose would still report the stack as up.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { parse } from 'yaml';
import { exportGrafana } from '../../src/rules/export/index.js';
import { loadRuleTexts } from '../../src/rules/files/index.js';
import { checkAlertRules, checkNotifications } from '../helpers/grafana-provisioning.js';
import { repoRoot } from '../helpers/spawn-server.js';

const dir = path.join(repoRoot, 'grafana/provisioning/alerting');
const committed = Object.fromEntries(fs.readdirSync(dir).map((f) => [f, parse(fs.readFileSync(path.join(dir, f), 'utf8'))]));
const datasources = parse(fs.readFileSync(path.join(repoRoot, 'grafana/provisioning/datasources/datasources.yaml'), 'utf8')).datasources as any[];
const provisioned = new Set(datasources.map((d) => String(d.uid)));

test('the committed alert rules pass every check of Grafana provisioning', () => {
  const rules = committed['alert-rules.yaml'].groups.flatMap((g: any) => g.rules);
  assert.ok(rules.length > 0, 'no rules');
  assert.deepEqual(checkAlertRules(committed, provisioned), []);
});

test('the committed contact points and policies name valid uids and existing contact points', () => {
  assert.deepEqual(checkNotifications(committed), []);
});

test('the levels of a threshold rule get a title each; a single-level alert keeps its name', () => {
  const file = `version: "1"
thresholds:
  lat: { warning: 1, critical: 2, direction: above }
groups:
  - name: g
    interval: 30s
    rules:
      - alert: Slow
        threshold: lat
        expr: avg(x)
      - alert: Down
        severity: critical
        expr: up == 0
        labels: { cost: "$5" }
`;
  const loaded = loadRuleTexts([{ file: 'r.yaml', text: file }]);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const files = Object.fromEntries(Object.entries(exportGrafana(loaded.ruleSet)).map(([f, t]) => [f, parse(t)]));
  const rules = files['alert-rules.yaml'].groups[0].rules;
  assert.deepEqual(rules.map((r: any) => r.title), ['Slow (warning)', 'Slow (critical)', 'Down']);
  assert.equal(rules[2].labels.cost, '$$5', 'a literal $ in a label is escaped');
  assert.deepEqual(checkAlertRules(files, new Set(['prometheus'])), []);
});

/** The committed file with one rule changed by `edit`, checked. */
function findingsAfter(edit: (rules: any[], groups: any[]) => void): string[] {
  const copy = structuredClone(committed);
  const groups = copy['alert-rules.yaml'].groups;
  edit(groups.flatMap((g: any) => g.rules), groups);
  return checkAlertRules(copy, provisioned);
}

const violations: Array<[string, (rules: any[], groups: any[]) => void, RegExp]> = [
  ['two rules with one title in a folder (the 11.4 start failure)', (r) => (r[1].title = r[0].title), /title .* also used in folder/],
  ['an empty title', (r) => (r[0].title = ' '), /no title/],
  ['a title over 190 characters', (r) => (r[0].title = 'x'.repeat(191)), /title longer/],
  ['a uid used twice', (r) => (r[1].uid = r[0].uid), /uid .* also used/],
  ['a uid over 40 characters', (r) => (r[0].uid = 'u'.repeat(41)), /longer than 40/],
  ['a uid with a dot', (r) => (r[0].uid = 'a.b'), /characters other than/],
  ['a missing uid', (r) => delete r[0].uid, /no uid/],
  ['a refId used twice', (r) => (r[0].data[1].refId = 'A'), /refId used twice/],
  ['a condition naming no refId', (r) => (r[0].condition = 'D'), /condition D names no refId/],
  ['no condition', (r) => delete r[0].condition, /no condition/],
  ['an expression reading a missing refId', (r) => (r[0].data[2].model.expression = 'Z'), /reads refId Z/],
  ['expressions in a cycle', (r) => (r[0].data[1].model.expression = 'C'), /cycle/],
  ['a query without datasourceUid', (r) => delete r[0].data[0].datasourceUid, /no datasourceUid/],
  ['a data source that is not provisioned', (r) => (r[0].data[0].datasourceUid = 'mimir'), /not provisioned/],
  ['a query time range that does not go back', (r) => (r[0].data[0].relativeTimeRange = { from: 0, to: 0 }), /from must be greater/],
  ['an unknown reducer', (r) => (r[0].data[1].model.reducer = 'p95'), /reducer "p95"/],
  ['an invalid for', (r) => (r[0].for = '5 minutes'), /for "5 minutes" is not a duration/],
  ['an unknown noDataState', (r) => (r[0].noDataState = 'Ok'), /noDataState "Ok"/],
  ['an unknown execErrState', (r) => (r[0].execErrState = 'KeepLast'), /execErrState "KeepLast"/],
  ['a reserved label', (r) => (r[0].labels.__grafana_receiver__ = 'x'), /reserved/],
  ['a label Grafana would expand', (r) => (r[0].labels.owner = '$USER'), /expands/],
  ['no data at all', (r) => (r[0].data = []), /no data/],
  ['a group interval off the 10s scheduler tick', (_r, g) => (g[0].interval = '15s'), /multiple of 10s/],
  ['a group without folder', (_r, g) => (g[0].folder = ''), /no folder/],
  ['a group name used twice in a folder', (_r, g) => (g[1].name = g[0].name), /also defined/],
];

for (const [what, edit, finding] of violations) {
  test(`the check refuses ${what}`, () => {
    const found = findingsAfter(edit);
    assert.ok(found.some((f) => finding.test(f)), `expected ${finding}, found: ${JSON.stringify(found)}`);
  });
}

test('the check refuses a policy routing to a contact point that does not exist', () => {
  const copy = structuredClone(committed);
  copy['policies.yaml'].policies[0].routes[0].receiver = 'pagerduty';
  assert.match(checkNotifications(copy).join('\n'), /unknown contact point "pagerduty"/);
});
