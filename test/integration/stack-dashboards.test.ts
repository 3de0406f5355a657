// Every Grafana panel query and every exported alert/recording expression, run against a real
// Prometheus that scraped a real `foresight start` under traffic. Twice: once with the names as
// the API exposes them (Prometheus scraping it directly) and once with the names the collector's
// prometheus exporter gives the same OTLP metrics (unit suffixes), so each query is proven on
// both paths. The second is a rename by metric_relabel_configs derived from the API's own
// `# TYPE`/`# UNIT` lines with the collector's translation rules — not a running collector.
// A third Prometheus scrapes only an existing Express app run under the agent (no foresight
// code in it): every panel and rule that is not about the prediction API's own domain must
// show that app's data too.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { parser } from '@prometheus-io/lezer-promql';
import { parse, stringify } from 'yaml';
import { startInstrumentedApp, type InstrumentedApp } from '../helpers/instrumented-app.js';
import { freePort } from '../helpers/ports.js';
import { startPrometheus, type PrometheusProcess } from '../helpers/prometheus-process.js';
import { repoRoot, spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';
import { requireTool } from '../helpers/tools.js';

const TRAFFIC_MS = 12_000;

// The collector's prometheus exporter (add_metric_suffixes: true) names an OTLP metric from its
// unit and type: UCUM unit → suffix (annotations in braces dropped; "1" is "ratio" on gauges
// only), "_total" on counters; a suffix already present is not repeated.
const UNIT_SUFFIX: Record<string, string> = { s: 'seconds', ms: 'milliseconds', By: 'bytes', '1': 'ratio' };

/** metric_relabel_configs renaming every family of `exposition` the way the collector would. */
export function collectorRenames(exposition: string): object[] {
  const types = new Map<string, string>();
  const units = new Map<string, string>();
  for (const m of exposition.matchAll(/^# (TYPE|UNIT) (\S+) (\S+)$/gm)) (m[1] === 'TYPE' ? types : units).set(m[2]!, m[3]!);
  const renames: object[] = [];
  for (const [name, unit] of units) {
    const type = types.get(name);
    const suffix = UNIT_SUFFIX[unit];
    if (!suffix || (unit === '1' && type !== 'gauge')) continue;
    const base = type === 'counter' ? name.replace(/_total$/, '') : name;
    if (base.split('_').includes(suffix)) continue;
    const renamed = `${base}_${suffix}`;
    renames.push(
      type === 'counter'
        ? { source_labels: ['__name__'], regex: `${base}_total`, target_label: '__name__', replacement: `${renamed}_total` }
        : { source_labels: ['__name__'], regex: `${name}(_bucket|_sum|_count)?`, target_label: '__name__', replacement: `${renamed}$1` },
    );
  }
  return renames;
}

/**
 * Traffic for `ms`: forecast cache hits and misses, predictions, batches, a 404 and a 400 per
 * round, and every few rounds a burst of concurrent predictions that overflows the queue (503).
 * Returns the status codes seen.
 */
async function driveTraffic(url: string, ms: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  const call = async (p: string, body?: unknown) => {
    const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const res = await fetch(url + p, init).catch(() => undefined);
    if (!res) return;
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  };
  const cities: string[] = ((await (await fetch(`${url}/api/v1/cities`)).json()) as any).data.cities.map((c: any) => c.slug);
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
  const hour = (i: number) => `${day(1 + (i % 40))}T${String(i % 24).padStart(2, '0')}:00:00Z`;
  const end = Date.now() + ms;
  for (let i = 0; Date.now() < end; i++) {
    const city = cities[i % cities.length]!;
    await Promise.all([
      call(`/api/v1/forecast/${cities[0]}/${day(0)}`),
      call(`/api/v1/forecast/${city}/${day(1 + (i % 40))}`),
      call('/api/v1/predict', { city, timestamp: hour(i) }),
      call('/api/v1/predict/batch', { items: [0, 1, 2, 3].map((k) => ({ city: cities[(i + k) % cities.length], timestamp: hour(i * 7 + k) })) }),
      call('/no/such/route'),
      call('/api/v1/predict', {}),
    ]);
    if (i % 10 === 0) await Promise.all(Array.from({ length: 40 }, (_, k) => call('/api/v1/predict', { city: cities[k % cities.length], timestamp: hour(i * 40 + k) })));
    await new Promise((r) => setTimeout(r, 50));
  }
  return statuses;
}
/**
 * Traffic to the Express fixture app (test/fixtures/apps/rules-target) for `ms`: good answers,
 * failures (500), slow answers and unmatched paths (404).
 */
async function driveAppTraffic(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  const call = (p: string) => fetch(url + p).then((r) => r.arrayBuffer(), () => undefined);
  for (let i = 0; Date.now() < end; i++) {
    await Promise.all([call(`/api/v1/products/${i}`), call('/api/v1/products/1'), call('/api/v1/checkout'), call(`/api/v1/reports/${i % 5}`), call(`/nope/${i}`)]);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// What has nothing to show for an app that is not the prediction API: its domain metrics (model,
// cache, batch, its database queries and pool; seed 000) and its prediction endpoints. The pg
// client panels (db_client_*) need an app that talks to Postgres, which the Express app does not.
const PREDICTION_API_ONLY =
  /\b(model_inference|model_accuracy_mape|cache_hit_ratio|cache_operation_seconds|cache_size_bytes|cache_entries|cache_ttl_seconds|db_query_seconds|db_connection_pool_size|batch_size|batch_processing_seconds|batch_queue_size|db_client_)|predict\|predict\/batch/;
// Network and disk I/O are read from /proc by the prediction API process; the agent does not
// export them (yet), so an app under the agent alone has none.
const API_PROCESS_IO = /\b(system_network_io_bytes_total|process_disk_io_bytes_total)\b/;
// The rules service's own health: there where the rules service runs (the foresight process
// here), not in the apps it watches.
const RULES_SERVICE_OWN = /\brules_(evaluation_failures|notifications|scrape_failures)_total\b/;
// The prediction API's per-client rate limits: an app under the agent alone has none.
const API_RATE_LIMITS = /\brate_limit_refusals_total\b/;
const forApp = (expr: string) => !PREDICTION_API_ONLY.test(expr) && !RULES_SERVICE_OWN.test(expr) && !API_PROCESS_IO.test(expr) && !API_RATE_LIMITS.test(expr);

let server: SpawnedServer | undefined;
let app: InstrumentedApp | undefined;
let appProm: PrometheusProcess | undefined;
const proms: Array<{ name: string; prom: PrometheusProcess }> = [];
let start = 0;
let ruleDir = '';
let skipReason: string | undefined;

beforeAll(async () => {
  const probe = { skip: (r: string) => (skipReason = r) } as any;
  if (!requireTool(probe, 'prometheus')) return;
  // A small inference queue so bursts are refused with a real 503: the 5xx panels and the
  // error-rate alerts then have something to show.
  // A webhook receiver nothing listens on: the rules service's notification panels and alert
  // read real failures.
  server = await spawnServer({ BATCH_MAX_QUEUE: '2', BATCH_MAX_CONCURRENT: '1', ALERT_WEBHOOK_URL: `http://127.0.0.1:${await freePort()}/alerts` });
  const target = new URL(server.metricsUrl).host;
  // The exported rules, evaluated every second instead of every 30 s so that recording rules
  // and pending alerts exist within the traffic window.
  ruleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-stack-rules-'));
  const rules = parse(fs.readFileSync(path.join(repoRoot, 'prometheus/rules/foresight-rules.yml'), 'utf8'));
  for (const g of rules.groups) g.interval = '1s';
  const ruleFile = path.join(ruleDir, 'rules.yml');
  fs.writeFileSync(ruleFile, stringify(rules, { lineWidth: 0 }));
  const exposition = await (await fetch(server.metricsUrl)).text();
  proms.push({ name: 'direct scrape', prom: await startPrometheus({ scrapeTargets: [target], ruleFiles: [ruleFile] }) });
  proms.push({
    name: 'collector naming',
    prom: await startPrometheus({ scrapeTargets: [target], ruleFiles: [ruleFile], jobName: 'foresight', metricRelabelConfigs: collectorRenames(exposition) }),
  });
  // An existing app, instrumented by the agent alone, scraped under its own job.
  app = await startInstrumentedApp('rules-target', { SLOW_MS: '300' });
  appProm = await startPrometheus({ scrapeTargets: [new URL(app.metricsUrl).host], ruleFiles: [ruleFile], jobName: 'shop' });
  start = Date.now() / 1000;
  const [statuses] = await Promise.all([driveTraffic(server.url, TRAFFIC_MS), driveAppTraffic(app.url, TRAFFIC_MS)]);
  // The premises of the panels below: hits, misses, client errors and refused bursts happened.
  for (const code of [200, 400, 404, 503]) assert.ok(statuses.get(code), `no ${code} responses in the traffic: ${JSON.stringify([...statuses])}`);
  // Every Prometheus has scraped after the last request and evaluated its rules on that scrape.
  const trafficEnd = Date.now();
  await Promise.all([...proms.map((p) => p.prom), appProm].map((prom) => prom.caughtUp(trafficEnd)));
});

afterAll(async () => {
  await Promise.all([...proms.map((p) => p.prom.stop()), appProm?.stop()]);
  await Promise.all([server?.stop(), app?.stop()]);
  if (ruleDir) fs.rmSync(ruleDir, { recursive: true, force: true });
});

async function query(prom: PrometheusProcess, expr: string, range: boolean): Promise<{ error?: string; series: number }> {
  const params = new URLSearchParams({ query: expr });
  if (range) {
    params.set('start', String(start));
    params.set('end', String(Date.now() / 1000));
    params.set('step', '1');
  }
  const res = await fetch(`${prom.url}/api/v1/${range ? 'query_range' : 'query'}`, { method: 'POST', body: params });
  const body: any = await res.json();
  if (body.status !== 'success') return { error: `${body.errorType}: ${body.error}`, series: 0 };
  const r = body.data.result;
  return { series: Array.isArray(r) ? r.length : 1 };
}

/** Grafana's global variables, as Grafana would substitute them for a 1 s scrape interval. */
const substitute = (expr: string) =>
  expr.replaceAll('$__rate_interval', '30s').replaceAll('$__interval', '1s').replaceAll('$__range', '5m');

const dashboards = fs
  .readdirSync(path.join(repoRoot, 'grafana/dashboards'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(repoRoot, 'grafana/dashboards', f), 'utf8')));

/** The panels of every dashboard whose query (`keep` chooses) shows "No data" on `prom`. */
async function panelsWithoutData(prom: PrometheusProcess, keep: (expr: string) => boolean = () => true): Promise<string[]> {
  const noData: string[] = [];
  for (const d of dashboards) {
    for (const p of d.panels) {
      for (const target of p.targets) {
        if (!keep(target.expr)) continue;
        const r = await query(prom, substitute(target.expr), true);
        if (r.error || r.series === 0) noData.push(`${d.title} / "${p.title}" (${target.refId}): ${r.error ?? 'No data'}`);
      }
    }
  }
  return noData;
}

test('every dashboard panel shows data, on both metric paths', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const noData: string[] = [];
  for (const { name, prom } of proms) noData.push(...(await panelsWithoutData(prom)).map((p) => `[${name}] ${p}`));
  assert.deepEqual(noData, [], `panels that would show "No data":\n${noData.join('\n')}`);
});

test('the collector-naming Prometheus really holds renamed series', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const viaCollector = proms.find((p) => p.name === 'collector naming')!.prom;
  assert.equal((await query(viaCollector, 'nodejs_eventloop_delay_p99_seconds', false)).series, 1);
  assert.equal((await query(viaCollector, 'nodejs_eventloop_delay_p99', false)).series, 0);
  assert.ok((await query(viaCollector, 'v8js_memory_heap_used_bytes', false)).series > 0);
});

/** The left-hand sides of the comparisons (without `bool`) in `expr`: each must return data. */
function comparisonSides(expr: string): string[] {
  const sides: string[] = [];
  parser.parse(expr).iterate({
    enter(n) {
      if (n.name !== 'BinaryExpr') return;
      const kids = [];
      for (let c = n.node.firstChild; c; c = c.nextSibling) kids.push(c);
      if (!['Gtr', 'Lss', 'Gte', 'Lte', 'Eql', 'Neq'].includes(kids[1]?.name ?? '') || kids.some((k) => k.name === 'BoolModifier')) return;
      const [lhs, rhs] = [kids[0]!, kids.at(-1)!];
      const side = lhs.name === 'NumberDurationLiteral' || lhs.name === 'NumberLiteral' ? rhs : lhs;
      sides.push(expr.slice(side.from, side.to));
    },
  });
  return sides;
}

function exportedExpressions(): Array<{ name: string; expr: string }> {
  const prometheusRules = parse(fs.readFileSync(path.join(repoRoot, 'prometheus/rules/foresight-rules.yml'), 'utf8'));
  const grafanaRules = parse(fs.readFileSync(path.join(repoRoot, 'grafana/provisioning/alerting/alert-rules.yaml'), 'utf8'));
  return [
    ...prometheusRules.groups.flatMap((g: any) =>
      g.rules.map((r: any) => ({ name: `prometheus ${g.name}/${r.alert ?? r.record}${r.labels?.severity ? ` (${r.labels.severity})` : ''}`, expr: r.expr })),
    ),
    ...grafanaRules.groups.flatMap((g: any) =>
      g.rules.map((r: any) => ({ name: `grafana ${g.name}/${r.uid}`, expr: r.data.find((q: any) => q.refId === 'A').model.expr })),
    ),
  ];
}

/** Each rule of `rules` that is invalid on `prom`, or a comparison side of which has no data there. */
async function rulesWithoutData(prom: PrometheusProcess, rules: Array<{ name: string; expr: string }>): Promise<string[]> {
  const problems: string[] = [];
  for (const rule of rules) {
    const whole = await query(prom, rule.expr, false);
    if (whole.error) problems.push(`${rule.name}: ${whole.error}`);
    const sides = comparisonSides(rule.expr);
    // A recording rule without a comparison must itself return data.
    if (sides.length === 0 && whole.series === 0) problems.push(`${rule.name}: no data`);
    for (const side of sides) {
      const r = await query(prom, side, false);
      if (r.error || r.series === 0) problems.push(`${rule.name}: ${side.replace(/\s+/g, ' ')} → ${r.error ?? 'no data'}`);
    }
  }
  return problems;
}

test('every exported rule expression is valid, and the left side of each comparison has data', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const rules = exportedExpressions();
  assert.ok(rules.length > 40, `only ${rules.length} expressions`);
  const problems: string[] = [];
  for (const { name, prom } of proms) problems.push(...(await rulesWithoutData(prom, rules)).map((p) => `[${name}] ${p}`));
  assert.deepEqual(problems, [], problems.join('\n'));
});

test('alerts went pending under the traffic, so the ALERTS panels are fed by real rule evaluation', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const r = await query(proms[0]!.prom, 'ALERTS{alertname=~"LowCacheHitRatio|CacheHitRateLow|HighErrorRate"}', false);
  assert.ok(r.series > 0, 'expected the cache-hit and error-rate alerts to be pending');
});

test('an Express app under the agent: every panel not about the prediction API shows its data', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const noData = await panelsWithoutData(appProm!, forApp);
  assert.deepEqual(noData, [], `panels that would show "No data" for the Express app:\n${noData.join('\n')}`);
  // Whole dashboards are about any app: none of their panels may be left out (but the rules
  // service's own, which needs the rules service, and the API's rate limits).
  for (const title of ['foresight / API performance', 'foresight / System resources', 'foresight / Alerts and recommendations']) {
    const d = dashboards.find((x) => x.title === title)!;
    assert.ok(
      d.panels.every((p: any) => p.targets.every((q: any) => forApp(q.expr) || RULES_SERVICE_OWN.test(q.expr) || API_PROCESS_IO.test(q.expr) || API_RATE_LIMITS.test(q.expr))),
      `${title} has a panel left out for the Express app`,
    );
  }
  // The data is the app's: its route patterns, under its own job.
  const body: any = await (await fetch(`${appProm!.url}/api/v1/query?query=${encodeURIComponent('sum by (job, endpoint) (request_total)')}`)).json();
  const endpoints = body.data.result.map((r: any) => `${r.metric.job} ${r.metric.endpoint}`);
  for (const e of ['shop /api/v1/products/:id', 'shop /api/v1/checkout', 'shop /api/v1/reports/:id']) assert.ok(endpoints.includes(e), `${e} not in ${endpoints.join(', ')}`);
});

test('an Express app under the agent: the exported rules not about the prediction API have data for it', async (t) => {
  if (skipReason) return t.skip(skipReason);
  const rules = exportedExpressions().filter((r) => forApp(r.expr));
  for (const name of ['HighErrorRate', 'ApiResponseTimeHigh', 'HighApiLatency', 'HighCpuUsage', 'HighMemoryUsage', 'ApiAvailabilityBudgetBurn', 'ApiLatencyBudgetBurn']) {
    assert.ok(rules.some((r) => r.name.includes(`/${name}`)), `${name} is not among the rules checked for the app`);
  }
  const problems = await rulesWithoutData(appProm!, rules);
  assert.deepEqual(problems, [], problems.join('\n'));
  // Its failing route drives the shipped error-rate alert in Prometheus too.
  assert.ok((await query(appProm!, 'ALERTS{alertname="HighErrorRate"}', false)).series > 0, 'HighErrorRate is not pending for the app');
});
