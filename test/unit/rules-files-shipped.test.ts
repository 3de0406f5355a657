// The shipped rule set in alert-rules/: it loads, covers the seeds' alerts and thresholds,
// refers only to metric names of the metrics contract, and stays in the embedded evaluator's subset.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { parser } from '@prometheus-io/lezer-promql';
import { ALL_METRICS } from '../../src/metrics/index.js';
import { loadRuleFiles, unsupportedConstructs } from '../../src/rules/files/index.js';
import type { CompiledAlertRule } from '../../src/rules/types.js';

// Names as they appear on /metrics: the metrics contract (a histogram as its _bucket, _sum and
// _count series) and the agent's process metrics.
const EXPORTED = new Set([
  ...ALL_METRICS.flatMap((m) => (m.kind === 'histogram' ? ['_bucket', '_sum', '_count'].map((suffix) => m.name + suffix) : [m.name])),
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
]);
const FUNCTIONS = new Set(['rate', 'irate', 'increase', 'avg_over_time', 'max_over_time', 'deriv', 'predict_linear', 'histogram_quantile', 'clamp_min', 'absent']);

// dist/test/unit → the package's alert-rules/.
const loaded = await loadRuleFiles(fileURLToPath(new URL('../../../alert-rules/', import.meta.url)));
if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.file}:${e.line}: ${e.reason}`).join('\n'));
const ruleSet = loaded.ruleSet;
const rules = ruleSet.groups.flatMap((g) => g.rules);
const alerts = rules.filter((r): r is CompiledAlertRule => r.kind === 'alert');
const records = new Set(rules.flatMap((r) => (r.kind === 'record' ? [r.record] : [])));

function names(expr: string): { metrics: string[]; functions: string[] } {
  const metrics: string[] = [];
  const functions: string[] = [];
  const tree = parser.parse(expr);
  tree.iterate({
    enter(node) {
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id) metrics.push(expr.slice(id.from, id.to));
      }
      if (node.name === 'FunctionIdentifier') functions.push(expr.slice(node.from, node.to));
    },
  });
  return { metrics, functions };
}

test('seed 000, 002 and 003 alerts are shipped with their severities', () => {
  const severities = (name: string) => alerts.filter((a) => a.name === name).map((a) => a.severity).sort();
  assert.deepEqual(severities('HighApiLatency'), ['warning']);
  assert.deepEqual(severities('LowCacheHitRatio'), ['warning']);
  assert.deepEqual(severities('HighModelInferenceTime'), ['warning']);
  assert.deepEqual(severities('DatabaseConnectionPoolHigh'), ['critical']);
  assert.deepEqual(severities('LargeBatchSize'), ['warning']);
  for (const name of ['ApiResponseTimeHigh', 'PredictionLatencyHigh', 'HighErrorRate', 'BatchQueueBacklog', 'CacheHitRateLow', 'HighCpuUsage', 'HighMemoryUsage', 'SlowDatabaseQueries', 'ApiAvailabilityBudgetBurn', 'ApiLatencyBudgetBurn'])
    assert.deepEqual(severities(name), ['critical', 'warning'], name);
  const types = new Set(alerts.map((a) => a.labels.type).filter(Boolean));
  for (const t of ['LATENCY', 'MEMORY', 'CPU', 'ERROR_RATE', 'CACHE', 'QUEUE']) assert.ok(types.has(t), `seed 002 type ${t}`);
});

test('seed thresholds are the defaults', () => {
  const t = Object.fromEntries(ruleSet.thresholds.map((x) => [x.name, [x.warning, x.critical, x.direction]]));
  assert.deepEqual(t, {
    prediction_latency: [100, 200, 'above'],
    api_response_time: [1000, 5000, 'above'],
    database_query_time: [500, 2000, 'above'],
    cpu_usage: [70, 90, 'above'],
    memory_usage: [80, 95, 'above'],
    cache_hit_rate: [70, 50, 'below'],
    error_rate: [5, 10, 'above'],
    queue_size: [50, 100, 'above'],
  });
});

test('every expression uses exported metric names (or recorded ones) and the evaluator subset', () => {
  const exprs = [...rules.map((r) => r.expr), ...ruleSet.recommendations.flatMap((r) => (r.whenExpr ? [r.whenExpr] : []))];
  for (const expr of exprs) {
    const { metrics, functions } = names(expr);
    for (const m of metrics) assert.ok(EXPORTED.has(m) || records.has(m), `unknown metric ${m} in ${expr}`);
    for (const f of functions) assert.ok(FUNCTIONS.has(f), `function ${f} outside the subset in ${expr}`);
    assert.deepEqual(unsupportedConstructs(expr), [], expr);
  }
});

test('recommendations: seed 003 fields, alert-bound and trend-based ones', () => {
  assert.ok(ruleSet.recommendations.length >= 10);
  const trends = ruleSet.recommendations.filter((r) => r.whenExpr);
  assert.ok(trends.some((r) => /predict_linear/.test(r.whenExpr!)) && trends.some((r) => /deriv/.test(r.whenExpr!)));
  const alertNames = new Set(alerts.map((a) => a.name));
  for (const r of ruleSet.recommendations) for (const a of r.whenAlerts) assert.ok(alertNames.has(a), a);
});

test('latency and error ratios are guarded so that 0/0 gives no series', () => {
  for (const a of alerts.filter((x) => /_sum|status=~"5/.test(x.expr) && !x.expr.startsWith('(slo:'))) assert.match(a.expr, /> 0\)/, a.name);
  for (const a of alerts.filter((x) => /histogram_quantile/.test(x.expr))) assert.match(a.expr, /and sum/, a.name);
});
