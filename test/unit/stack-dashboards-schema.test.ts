// Every dashboard of grafana/dashboards checked against Grafana's published types
// (@grafana/schema): a field or value Grafana does not know fails here, not in a Grafana that
// silently drops it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { checkDashboards } from '../helpers/grafana-schema.js';
import { repoRoot } from '../helpers/spawn-server.js';

const dir = path.join(repoRoot, 'grafana/dashboards');
const dashboards = Object.fromEntries(
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))]),
);

test('every dashboard, panel, panel option, field config and query is one Grafana publishes a type for', () => {
  assert.ok(Object.keys(dashboards).length > 0);
  assert.deepEqual(checkDashboards(dashboards), []);
});

/** TypeScript's message for a field the type does not have (the JSON keys are quoted). */
const unknown = (field: string) => new RegExp(`'"?${field}"?' does not exist`);
const timeseries = (d: any) => d.panels.find((p: any) => p.type === 'timeseries');

/** One change to a copy of a dashboard each, and the finding each must produce. */
const mistakes: Array<[string, (d: any) => void, RegExp]> = [
  ['a dashboard field', (d) => (d.refreshInterval = '10s'), /dashboard: .*'"refreshInterval"' does not exist/],
  ['a panel field', (d) => (timeseries(d).legend = {}), /panel \d+ .*'"legend"' does not exist/],
  ['a panel option', (d) => (timeseries(d).options.legend.displayModee = 'list'), unknown('displayModee')],
  ['an option value', (d) => (timeseries(d).options.tooltip.mode = 'several'), /"several"/],
  ['a custom field option', (d) => (timeseries(d).fieldConfig.defaults.custom = { lineWidthh: 1 }), unknown('lineWidthh')],
  ['a query field', (d) => (timeseries(d).targets[0].query = 'up'), unknown('query')],
  ['a panel type', (d) => (d.panels[0].type = 'graph'), /no published types for panel type "graph"/],
];

test('the check names an unknown field at each level, and a wrong value', () => {
  const copies = Object.fromEntries(
    mistakes.map(([what, edit]) => {
      const copy = structuredClone(dashboards['api-performance.json']);
      edit(copy);
      return [what, copy];
    }),
  );
  // One compiler run for all the copies: each costs about a second on its own.
  const findings = checkDashboards(copies);
  for (const [what, , expected] of mistakes) {
    const mine = findings.filter((f) => f.startsWith(`${what}: `));
    assert.ok(mine.some((f) => expected.test(f)), `${what}: expected ${expected}, found ${JSON.stringify(mine)}`);
  }
});
