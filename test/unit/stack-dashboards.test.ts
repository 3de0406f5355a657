// Grafana dashboards of the full stack: valid JSON, unique uids, only provisioned data source
// uids, and every panel with a title, a unit and at least one query.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/spawn-server.js';

const dashboardDir = path.join(repoRoot, 'grafana/dashboards');
const files = fs.readdirSync(dashboardDir).filter((f) => f.endsWith('.json'));
const dashboards = files.map((f) => ({ file: f, json: JSON.parse(fs.readFileSync(path.join(dashboardDir, f), 'utf8')) }));
const datasources = parse(fs.readFileSync(path.join(repoRoot, 'grafana/provisioning/datasources/datasources.yaml'), 'utf8')).datasources as any[];
const provisionedUids = new Set(datasources.map((d) => d.uid));

/** Every `datasource.uid` anywhere in a dashboard (panels, targets, variables, annotations). */
function datasourceUids(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) datasourceUids(n, into);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'datasource' && v && typeof v === 'object' && typeof (v).uid === 'string') into.push((v).uid);
      else datasourceUids(v, into);
    }
  }
  return into;
}

test('the six dashboards are there and parse', () => {
  assert.deepEqual(files.sort(), ['alerts.json', 'api-performance.json', 'cache-analytics.json', 'database.json', 'model-performance.json', 'system-resources.json']);
});

test('dashboard uids are unique, and panel ids unique within a dashboard', () => {
  const uids = dashboards.map((d) => d.json.uid);
  assert.equal(new Set(uids).size, uids.length, `duplicate dashboard uid in ${uids.join(', ')}`);
  for (const { file, json } of dashboards) {
    assert.ok(typeof json.uid === 'string' && json.uid.length > 0 && json.uid.length <= 40, `${file}: uid`);
    const ids = json.panels.map((p: any) => p.id);
    assert.equal(new Set(ids).size, ids.length, `${file}: duplicate panel id`);
  }
});

test('every data source uid a dashboard names is provisioned, and the provisioned uids are unique', () => {
  assert.equal(provisionedUids.size, datasources.length);
  assert.deepEqual([...provisionedUids].sort(), ['jaeger', 'loki', 'prometheus']);
  for (const { file, json } of dashboards) {
    for (const uid of datasourceUids(json)) assert.ok(provisionedUids.has(uid), `${file}: data source uid "${uid}" is not provisioned`);
  }
});

test('the data sources link to each other by provisioned uids', () => {
  const linked = datasourceUids(datasources.map((d) => d.jsonData));
  const named = JSON.stringify(datasources).match(/"datasourceUid":"([^"]+)"/g)!.map((m) => m.split('"')[3]!);
  assert.ok(named.length >= 4, 'exemplar, trace-to-logs, trace-to-metrics and log-to-trace links');
  for (const uid of [...linked, ...named]) assert.ok(provisionedUids.has(uid), `link to unprovisioned data source "${uid}"`);
});

// Variables Grafana's trace view fills for a span link (scopedVarsFromTrace / scopedVarsFromSpan
// in public/app/features/explore/TraceView/createSpanLink.tsx). A variable left undefined hides
// the link. Jaeger keeps service.name as the process's service name, not as a tag.
const spanLinkVariables = /^__(?:trace\.(?:traceId|duration|name)|span\.(?:spanId|traceId|duration|name))$/;
const jaegerTagsNever = ['service.name'];

test('the Jaeger links to logs and metrics use only variables Grafana fills for a Jaeger span', () => {
  const jaeger = datasources.find((d) => d.type === 'jaeger')!.jsonData;
  const queries = [jaeger.tracesToLogsV2.query as string, ...(jaeger.tracesToMetrics.queries as Array<{ query: string }>).map((q) => q.query)];
  for (const provisioned of queries) {
    // Provisioning reads $$ as a literal $; a single $ would be an environment variable.
    assert.ok(!/\$(?!\$)/.test(provisioned.replaceAll('$$', '')), `unescaped $ in ${provisioned}`);
    for (const [, name] of provisioned.replaceAll('$$', '$').matchAll(/\$\{([^}]+)\}/g)) {
      const tag = /^__span\.tags(?:\["([^"]+)"\]|\.(.+))$/.exec(name!);
      if (tag) assert.ok(!jaegerTagsNever.includes(tag[1] ?? tag[2]!), `${name} is never defined for a Jaeger span`);
      else assert.match(name!, spanLinkVariables, `${name} is not a span-link variable`);
    }
  }
  assert.match(jaeger.tracesToLogsV2.query, /trace_id="\$\$\{__(?:trace|span)\.traceId\}"/, 'logs of the trace, by its id');
});

test('every panel has a title, a unit and at least one query on the Prometheus data source', () => {
  for (const { file, json } of dashboards) {
    assert.ok(json.panels.length > 0, `${file}: no panels`);
    for (const p of json.panels) {
      const where = `${file}: panel ${p.id} "${p.title}"`;
      assert.ok(typeof p.title === 'string' && p.title.trim() !== '', `${where}: no title`);
      assert.ok(typeof p.fieldConfig?.defaults?.unit === 'string' && p.fieldConfig.defaults.unit !== '', `${where}: no unit`);
      assert.ok(Array.isArray(p.targets) && p.targets.length > 0, `${where}: no query`);
      for (const t of p.targets) {
        assert.ok(typeof t.expr === 'string' && t.expr.trim() !== '', `${where}: target ${t.refId} has no expr`);
        assert.equal(t.datasource?.uid, 'prometheus', `${where}: target ${t.refId} data source`);
      }
      const refIds = p.targets.map((t: any) => t.refId);
      assert.equal(new Set(refIds).size, refIds.length, `${where}: duplicate refId`);
    }
  }
});

test('panels do not overlap on the grid', () => {
  for (const { file, json } of dashboards) {
    const cells = new Set<string>();
    for (const p of json.panels) {
      const { x, y, w, h } = p.gridPos;
      assert.ok(x + w <= 24, `${file}: "${p.title}" wider than the grid`);
      for (let i = x; i < x + w; i++) for (let j = y; j < y + h; j++) {
        const cell = `${i},${j}`;
        assert.ok(!cells.has(cell), `${file}: "${p.title}" overlaps another panel at ${cell}`);
        cells.add(cell);
      }
    }
  }
});

test('the dashboard provider loads the directory compose mounts the dashboards at', () => {
  const provider = parse(fs.readFileSync(path.join(repoRoot, 'grafana/provisioning/dashboards/foresight.yaml'), 'utf8'));
  const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'));
  const mount = (compose.services.grafana.volumes as string[]).find((v) => v.startsWith('./grafana/dashboards:'));
  assert.ok(mount, 'grafana/dashboards is mounted');
  assert.equal(provider.providers[0].options.path, mount.split(':')[1]);
});
