// The embedded evaluator against the real Prometheus engine: the same deterministic series are
// loaded into the embedded store and into `promtool test rules`; every expression's embedded
// result becomes the expected samples of a promql_expr_test, and promtool must agree exactly
// (it compares floats bit for bit). Covers every supported construct and the shipped rules.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { EmbeddedSource, parsePromQL } from '../../src/rules/promql/index.js';
import { SeriesStore } from '../../src/rules/scrape/index.js';
import { ingestSpecs, prng, specNotation, type SeriesSpec } from '../helpers/promql-synthetic.js';
import { typeOf, type Expr } from '../../src/rules/promql/ast.js';
import type { VectorSample } from '../../src/rules/types.js';
import { requireTool } from '../helpers/tools.js';

const INTERVAL_MS = 15_000;
const STEPS = 260; // 65 minutes
const EVAL_TIMES = ['5m', '17m30s', '31m', '47m45s', '61m', '65m'];
const rulesDir = path.resolve(process.cwd(), 'alert-rules');

/** The expressions written for this test: every construct of the subset. */
const EXPRESSIONS = [
  // selectors, matchers, lookback, staleness, offset
  'http_requests_total', 'http_requests_total{code="500"}', 'http_requests_total{code!="500",method=~"g.*"}',
  'http_requests_total{method!~"po.*"}', '{__name__=~"http_.*", code="200"}', 'queue_size', 'flappy', 'temperature offset 10m',
  'up{job=""} or http_requests_total{job="api",code="200"}', 'nothing_here',
  // range functions
  'rate(http_requests_total[5m])', 'rate(http_requests_total[1m])', 'rate(http_requests_total[10m] offset 3m)', 'irate(http_requests_total[5m])',
  'increase(http_requests_total[5m])', 'increase(http_requests_total[17m])', 'delta(temperature[10m])', 'idelta(temperature[5m])',
  'deriv(temperature[10m])', 'predict_linear(temperature[30m], 3600)', 'predict_linear(memory_bytes[1h], 14400)', 'deriv(memory_bytes[15m])',
  'avg_over_time(temperature[10m])', 'max_over_time(temperature[10m])', 'min_over_time(temperature[10m])', 'sum_over_time(temperature[10m])',
  'count_over_time(queue_size[10m])', 'last_over_time(queue_size[30m])', 'stddev_over_time(temperature[10m])', 'stdvar_over_time(temperature[10m])',
  'quantile_over_time(0.9, temperature[20m])', 'changes(temperature[10m])', 'resets(http_requests_total[30m])', 'present_over_time(flappy[5m])',
  'absent_over_time(flappy[1m])', 'rate(queue_size[5m])',
  // histogram_quantile
  'histogram_quantile(0.95, rate(latency_seconds_bucket[5m]))', 'histogram_quantile(0.5, sum by (le) (rate(latency_seconds_bucket[5m])))',
  'histogram_quantile(0.99, sum by (le, job) (rate(latency_seconds_bucket[10m])))', 'histogram_quantile(0, latency_seconds_bucket)',
  'histogram_quantile(1, latency_seconds_bucket)', 'histogram_quantile(0.3, skewed_bucket)', 'histogram_quantile(0.8, dup_bucket)',
  'histogram_quantile(0.5, noinf_bucket)', 'histogram_quantile(1.5, latency_seconds_bucket)', 'histogram_quantile(-1, latency_seconds_bucket)',
  // instant functions
  'abs(temperature - 20)', 'clamp_min(temperature, 19)', 'clamp_max(temperature, 21)', 'clamp(temperature, 19.5, 20.5)', 'ceil(temperature)',
  'floor(temperature)', 'round(temperature)', 'round(temperature, 0.25)', 'sqrt(temperature)', 'sgn(temperature - 20)',
  'absent(nothing_here{a="b", c="d"})', 'absent(http_requests_total)', 'absent(nothing{a="b", a!="c"})', 'scalar(sum(queue_size))',
  'scalar(http_requests_total)', 'vector(3)', 'vector(time())', 'time()', 'sort(temperature)', 'sort_desc(temperature)',
  // aggregations
  'sum(http_requests_total)', 'sum by (code) (rate(http_requests_total[5m]))', 'sum without (instance) (rate(http_requests_total[5m]))',
  'avg(temperature)', 'avg by (floor) (temperature)', 'max(temperature)', 'min by (floor) (temperature)', 'count(http_requests_total)',
  'count without (code) (http_requests_total)', 'group by (method) (http_requests_total)', 'stddev(temperature)', 'stdvar by (floor) (temperature)',
  'quantile(0.75, temperature)', 'quantile by (floor) (0.2, temperature)', 'topk(2, temperature)', 'bottomk by (floor) (1, temperature)',
  'sum(rate(http_requests_total[5m])) by (method)', 'sum by (nope) (temperature)',
  // binary operators
  'rate({__name__=~"http_requests_total|queue_size", instance="a:1"}[5m])', '{__name__=~"temp.*", floor!="3"}',
  '1 + 2 * 3 - 4 / 8', '2 ^ 3 ^ 2', '-2 ^ 2', '1 - -2 ^ 2', '2 ^ -1', '-temperature ^ 2', '7 % 3', '-temperature', '-(2 ^ 2)', '(temperature + 1) * 2', 'temperature / 0', 'temperature % 3',
  'temperature ^ 2', '2 ^ temperature', 'temperature > 20', 'temperature > bool 20', '20 < temperature', '20 >= bool temperature',
  'temperature == 20', 'temperature != 20', 'temperature <= 20.5', '1 == bool 1', '3 > bool 4',
  'rate(http_requests_total{code="500"}[5m]) / ignoring(code) rate(http_requests_total{code="200"}[5m])',
  'sum by (method) (rate(http_requests_total{code="500"}[5m])) / sum by (method) (rate(http_requests_total[5m]))',
  'http_requests_total{code="500"} > on(method, instance, job) http_requests_total{code="200"}',
  'http_requests_total{code="500"} > bool on(method, instance, job) http_requests_total{code="200"}',
  'rate(http_requests_total[5m]) / on(method) group_left sum by (method) (rate(http_requests_total[5m]))',
  'rate(http_requests_total[5m]) * on(method) group_left(kind) method_info',
  'method_info * on(method) group_right(kind) rate(http_requests_total[5m])',
  'temperature and temperature > 20', 'temperature unless temperature > 20', 'temperature > 21 or temperature < 19',
  'http_requests_total and on(method) http_requests_total{code="500"}', 'queue_size or vector(0)',
  // the shapes alert rules take
  '100 * sum(rate(http_requests_total{code=~"5.."}[5m])) / sum(rate(http_requests_total[5m])) > 1',
  'avg(cache_hit_ratio) < 0.9', 'cache_hit_ratio < 0.9 and deriv(cache_hit_ratio[30m]) < 0',
  'predict_linear(memory_bytes[1h], 14400) > 2e9', 'avg_over_time(queue_size[2m]) > 5',
  '1000 * histogram_quantile(0.95, sum by (job, le) (rate(latency_seconds_bucket[5m]))) > 100',
];

function series(name: string, labels: Record<string, string>, segments: SeriesSpec['segments']): SeriesSpec {
  return { labels: { __name__: name, ...labels }, segments };
}

/** Counters with resets, gauges as random walks, histograms (one non-monotonic, one with duplicate bounds), a gap, a stale marker. */
function baseSeries(): SeriesSpec[] {
  const rnd = prng(42);
  const int = (n: number) => Math.floor(rnd() * n);
  const out: SeriesSpec[] = [];
  for (const instance of ['a:1', 'b:1']) {
    for (const method of ['get', 'post']) {
      for (const code of ['200', '500']) {
        const inc = 1 + int(9);
        const cut = 40 + int(150);
        const segs = int(2) === 0
          ? [{ start: int(50), inc, steps: cut - 1 }, { start: int(5), inc: inc + 1, steps: STEPS - cut }]
          : [{ start: int(50), inc, steps: STEPS }];
        out.push(series('http_requests_total', { job: 'api', instance, method, code }, segs));
      }
    }
  }
  out.push(series('method_info', { method: 'get', kind: 'read' }, [{ start: 1, inc: 0, steps: STEPS }]));
  out.push(series('method_info', { method: 'post', kind: 'write' }, [{ start: 1, inc: 0, steps: STEPS }]));
  for (const [room, floor] of [['r1', '1'], ['r2', '1'], ['r3', '2'], ['r4', '2'], ['r5', '3']] as const) {
    // A random walk in pieces of 10 steps; increments are multiples of 1/16 so values are exact.
    const segs = [];
    let v = 16 + int(64) / 16;
    for (let step = 0; step <= STEPS; step += 10) {
      const steps = Math.min(9, STEPS - step);
      const inc = (int(9) - 4) / 32;
      segs.push({ start: v, inc, steps });
      v = v + inc * steps + (int(5) - 2) / 16;
    }
    out.push(series('temperature', { room, floor }, segs));
  }
  out.push(series('memory_bytes', { instance: 'a:1' }, [{ start: 2 ** 28, inc: 4096 * 33, steps: 120 }, { start: 2 ** 28 + 2 ** 24, inc: 4096 * 51, steps: STEPS - 121 }]));
  out.push(series('cache_hit_ratio', { instance: 'a:1' }, [{ start: 0.96875, inc: -1 / 1024, steps: STEPS }]));
  out.push(series('queue_size', { instance: 'a:1' }, [{ start: 3, inc: 1, steps: 80 }, { omit: 40 }, { start: 2, inc: 0.5, steps: STEPS - 121 }]));
  out.push(series('flappy', { instance: 'a:1' }, [{ start: 1, inc: 1, steps: 100 }, { stale: true }, { omit: 60 }, { start: 5, inc: 0, steps: STEPS - 162 }]));
  const bounds = ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];
  for (const job of ['api', 'worker']) {
    let cumulative = 0;
    for (const le of bounds) {
      cumulative += 1 + int(6);
      out.push(series('latency_seconds_bucket', { job, le }, [{ start: 0, inc: cumulative, steps: STEPS }]));
    }
  }
  const skewed = [5, 9, 7, 12, 12, 20]; // a dip at 0.5: the monotonicity fix must lift it
  ['0.1', '0.25', '0.5', '1', '2', '+Inf'].forEach((le, i) => out.push(series('skewed_bucket', { le }, [{ start: skewed[i]!, inc: 0, steps: STEPS }])));
  [['0.5', 3], ['1', 4], ['1.0', 2], ['+Inf', 10]].forEach(([le, v]) => out.push(series('dup_bucket', { le: le as string }, [{ start: v as number, inc: 0, steps: STEPS }])));
  [['0.5', 3], ['1', 4]].forEach(([le, v]) => out.push(series('noinf_bucket', { le: le as string }, [{ start: v as number, inc: 0, steps: STEPS }])));
  return out;
}

/** `expr` fields of the shipped rule files (any depth), templates replaced by a number. */
function shippedExpressions(): Array<{ file: string; expr: string }> {
  if (!fs.existsSync(rulesDir)) return [];
  const out: Array<{ file: string; expr: string }> = [];
  const visit = (node: unknown, file: string) => {
    if (Array.isArray(node)) node.forEach((n) => visit(n, file));
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'expr' || k === 'when_expr' || k === 'whenExpr') && typeof v === 'string') out.push({ file, expr: v.replace(/\{\{[^}]*\}\}/g, '1').trim() });
        else visit(v, file);
      }
    }
  };
  for (const name of fs.readdirSync(rulesDir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    // A shipped file that does not parse fails here too: skipping it would compare nothing of it.
    visit(YAML.parse(fs.readFileSync(path.join(rulesDir, name), 'utf8')), name);
  }
  return out;
}

const LABEL_VOCABULARY: Record<string, string[]> = {
  endpoint: ['/api/v1/predict', '/api/v1/forecast/:city/:date'], method: ['GET', 'POST'], status: ['200', '503'],
  model_name: ['ridge'], operation: ['get', 'set'], query_type: ['select', 'insert'], job: ['foresight'], instance: ['127.0.0.1:9464'],
};

/** Series for the metric names the shipped rules select, shaped by their name (bucket, counter, gauge). */
function seriesFor(exprs: Expr[]): SeriesSpec[] {
  const names = new Map<string, Record<string, string>>();
  const walk = (e: Expr) => {
    if (e.kind === 'vector' && e.name) {
      const labels = names.get(e.name) ?? {};
      for (const m of e.matchers) if (m.type === '=' && m.name !== '__name__') labels[m.name] = m.value;
      names.set(e.name, labels);
    }
    for (const child of Object.values(e)) {
      if (child && typeof child === 'object' && 'kind' in child) walk(child as Expr);
      if (Array.isArray(child)) child.forEach((c) => c && typeof c === 'object' && 'kind' in c && walk(c as Expr));
    }
  };
  exprs.forEach(walk);
  const rnd = prng(7);
  const int = (n: number) => Math.floor(rnd() * n);
  const out: SeriesSpec[] = [];
  for (const [name, fixed] of names) {
    for (const [i, endpoint] of LABEL_VOCABULARY.endpoint!.entries()) {
      const labels: Record<string, string> = { job: 'foresight', instance: '127.0.0.1:9464', endpoint, method: LABEL_VOCABULARY.method![i]!, status: LABEL_VOCABULARY.status![i]!, model_name: 'ridge', operation: LABEL_VOCABULARY.operation![i]!, query_type: LABEL_VOCABULARY.query_type![i]!, ...fixed };
      if (name.endsWith('_bucket')) {
        let cumulative = 0;
        for (const le of ['0.01', '0.1', '0.5', '1', '2.5', '+Inf']) {
          cumulative += int(8);
          out.push(series(name, { ...labels, le }, [{ start: 0, inc: cumulative, steps: STEPS }]));
        }
      } else if (/_(total|count|sum)$/.test(name)) {
        out.push(series(name, labels, [{ start: int(100), inc: 1 + int(30), steps: STEPS }]));
      } else {
        out.push(series(name, labels, [{ start: int(64) / 8, inc: (int(9) - 4) / 64, steps: STEPS }]));
      }
    }
  }
  return out;
}

function metricString(labels: Record<string, string>): string {
  const { __name__: name = '', ...rest } = labels;
  return `${name}{${Object.keys(rest).sort().map((k) => `${k}=${JSON.stringify(rest[k])}`).join(',')}}`;
}

/**
 * Whether `e`'s last bits are not reproducible: a float sum across series (promtool loads
 * series in Go map order, so such sums round differently from run to run in promtool itself),
 * or `^` with a non-integer exponent (Go's exp/log are not the platform's). Those results are
 * compared at 10 significant digits.
 */
function approximate(e: Expr): boolean {
  if (e.kind === 'aggregate' && ['sum', 'avg', 'stddev', 'stdvar'].includes(e.op)) return true;
  if (e.kind === 'binary' && e.op === '^' && !(e.rhs.kind === 'number' && Number.isInteger(e.rhs.value))) return true;
  return Object.values(e).some((child) =>
    Array.isArray(child) ? child.some((c) => c && typeof c === 'object' && 'kind' in c && approximate(c as Expr))
      : !!child && typeof child === 'object' && 'kind' in child && approximate(child as Expr));
}

/** `round()` to 10 significant digits of the largest finite value, so the last-ulp noise vanishes. */
function rounded(expr: string, samples: VectorSample[]): string {
  const max = Math.max(0, ...samples.map((s) => Math.abs(s.value)).filter(Number.isFinite));
  const step = max === 0 ? 1e-10 : 10 ** (Math.ceil(Math.log10(max)) - 10);
  const inner = typeOf(parsePromQL(expr)) === 'scalar' ? `vector(${expr})` : expr;
  return `round(${inner}, ${step.toExponential()})`;
}

function hasNaN(samples: VectorSample[]): boolean {
  return samples.some((s) => Number.isNaN(s.value));
}

test('embedded evaluator agrees with promtool test rules on every supported construct and the shipped rules', async (t) => {
  if (!requireTool(t, 'promtool')) return;
  const shipped = shippedExpressions();
  const unsupported: string[] = [];
  const shippedOk: string[] = [];
  for (const { file, expr } of shipped) {
    try {
      parsePromQL(expr);
      shippedOk.push(expr);
    } catch (err) {
      unsupported.push(`${file}: ${(err as Error).message}: ${expr}`);
    }
  }
  const specs = [...baseSeries(), ...seriesFor(shippedOk.map((e) => parsePromQL(e)))];
  const store = new SeriesStore({ retentionMs: 24 * 3_600_000 });
  ingestSpecs(store, specs, INTERVAL_MS);
  const source = new EmbeddedSource({ store });

  const cases: Array<{ expr: string; eval_time: string; exp_samples: Array<{ labels: string; value: number }> }> = [];
  const errors: string[] = [];
  const exprs = [...new Set([...EXPRESSIONS, ...shippedOk])];
  let nonEmpty = 0;
  let rounding = 0;
  for (const expr of exprs) {
    for (const at of EVAL_TIMES) {
      const timeMs = Number.parseInt(at) * 60_000 + (at.includes('s') ? Number(/(\d+)s/.exec(at)![1]) * 1000 : 0);
      let samples: VectorSample[];
      try {
        samples = source.querySync(expr, timeMs);
      } catch (err) {
        errors.push(`${expr} @${at}: ${(err as Error).message}`);
        continue;
      }
      // promtool cannot expect NaN (NaN != NaN): check where the NaNs are, and the other values.
      const variants = hasNaN(samples) ? [`(${expr}) != bool (${expr})`, ...(typeOf(parsePromQL(expr)) === 'scalar' ? [] : [`(${expr}) == (${expr})`])] : [expr];
      for (let variant of variants) {
        let result = variant === expr ? samples : source.querySync(variant, timeMs);
        if (approximate(parsePromQL(variant))) {
          variant = rounded(variant, result);
          result = source.querySync(variant, timeMs);
          rounding++;
        }
        if (result.length > 0) nonEmpty++;
        cases.push({ expr: variant, eval_time: at, exp_samples: result.map((s) => ({ labels: metricString(s.labels), value: s.value })) });
      }
    }
  }
  const testFile = {
    evaluation_interval: '1m',
    tests: [{
      interval: `${INTERVAL_MS / 1000}s`,
      input_series: specs.map((s) => ({ series: metricString(s.labels), values: specNotation(s) })),
      promql_expr_test: cases,
    }],
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promql-diff-'));
  const file = path.join(dir, 'differential.test.yml');
  fs.writeFileSync(file, YAML.stringify(testFile, { lineWidth: 0 }));
  await t.annotate(`${exprs.length} expressions (${shippedOk.length} from alert-rules/), ${cases.length} promql_expr_test cases, ${nonEmpty} non-empty, ${rounding} compared at 10 significant digits (cross-series sums, non-integer powers), ${specs.length} series; file ${file}`);
  for (const u of unsupported) await t.annotate(`shipped expression outside the embedded subset: ${u}`);
  assert.deepEqual(errors, [], 'the embedded evaluator answers every expression it accepts (none dropped from the comparison)');

  const run = spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(run.status, 0, `promtool disagrees with the embedded evaluator (${file} kept):\n${run.stdout}\n${run.stderr}`);
  fs.rmSync(dir, { recursive: true, force: true });
  assert.ok(nonEmpty > cases.length / 2, `most cases should return data (${nonEmpty} of ${cases.length})`);
  assert.deepEqual(unsupported, [], 'every shipped rule expression is inside the embedded subset');
});

test('promtool rejects a wrong expected value (the comparison is not vacuous)', async (t) => {
  if (!requireTool(t, 'promtool')) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promql-diff-'));
  const file = path.join(dir, 'negative.test.yml');
  fs.writeFileSync(file, YAML.stringify({
    tests: [{
      interval: '15s',
      input_series: [{ series: 'c{a="1"}', values: '0+1.1x100' }],
      // The embedded value is 0.07333333333333342; one unit in the last place off must fail.
      promql_expr_test: [{ expr: 'rate(c[5m])', eval_time: '10m', exp_samples: [{ labels: '{a="1"}', value: 0.07333333333333343 }] }],
    }],
  }));
  const store = new SeriesStore();
  ingestSpecs(store, [{ labels: { __name__: 'c', a: '1' }, segments: [{ start: 0, inc: 1.1, steps: 100 }] }], INTERVAL_MS);
  assert.deepEqual(new EmbeddedSource({ store }).querySync('rate(c[5m])', 600_000), [{ labels: { a: '1' }, value: 0.07333333333333342 }]);
  const run = spawnSync('promtool', ['test', 'rules', file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stdout + run.stderr, /got: \{a="1"\} 7\.333333333333342E-02/);
});
