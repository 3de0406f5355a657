// Each function on small hand-computed cases (times in seconds, values chosen so the
// arithmetic can be followed by hand).
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { EmbeddedSource } from '../../src/rules/promql/index.js';
import { SeriesStore, parseSampleLine } from '../../src/rules/scrape/index.js';

/** A source over `series`: metric text → [seconds, value] pairs. */
function sourceOf(series: Record<string, Array<[number, number]>>): EmbeddedSource {
  const store = new SeriesStore({ retentionMs: 86_400_000 });
  for (const [metric, samples] of Object.entries(series)) {
    const { labels } = parseSampleLine(`${metric} 0`);
    for (const [t, v] of samples) store.append(labels, t * 1000, v);
  }
  return new EmbeddedSource({ store });
}

/** Samples every 15 s from `from` to `to` seconds, value f(t). */
function every15(from: number, to: number, f: (t: number) => number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let t = from; t <= to; t += 15) out.push([t, f(t)]);
  return out;
}

function one(src: EmbeddedSource, expr: string, atSeconds: number): number {
  const r = src.querySync(expr, atSeconds * 1000);
  assert.equal(r.length, 1, `${expr}: ${JSON.stringify(r)}`);
  return r[0]!.value;
}

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

test('rate and increase: samples on the range boundaries need no extrapolation', () => {
  const src = sourceOf({ 'c{a="1"}': every15(0, 300, (t) => (t / 15) * 10) });
  close(one(src, 'increase(c[5m])', 300), 200);
  close(one(src, 'rate(c[5m])', 300), 200 / 300);
  assert.deepEqual(src.querySync('rate(c[5m])', 300_000)[0]!.labels, { a: '1' }, 'the metric name is dropped');
});

test('rate: a counter reset adds the value before the reset', () => {
  const src = sourceOf({ c: [[0, 0], [15, 10], [30, 20], [45, 5], [60, 15]] });
  close(one(src, 'increase(c[1m])', 60), 15 + 20);
  close(one(src, 'rate(c[1m])', 60), 35 / 60);
  close(one(src, 'resets(c[1m])', 60), 1);
});

test('rate: extrapolates to the boundaries, but not below the counter zero point', () => {
  // Samples 15..285 s with 10..190; sampled 270 s; zero point 15 s before the first sample.
  const src = sourceOf({ c: every15(15, 285, (t) => (t / 15) * 10) });
  close(one(src, 'increase(c[5m])', 300), (180 * 300) / 270);
  // Starting at 100 with the same slope: the zero point is too far; extrapolate by 15 s only.
  const far = sourceOf({ c: every15(15, 285, (t) => 100 + (t / 15) * 10) });
  close(one(far, 'increase(c[5m])', 300), (180 * 300) / 270);
  // Data only in the middle of the range: extrapolate half an interval at each end.
  const middle = sourceOf({ c: every15(120, 180, (t) => 100 + t) });
  close(one(middle, 'increase(c[5m])', 300), (60 * (60 + 15)) / 60);
});

test('rate needs two samples; delta does not correct resets', () => {
  const src = sourceOf({ c: [[0, 5]], g: [[0, 10], [15, 4], [30, 7]] });
  assert.deepEqual(src.querySync('rate(c[1m])', 30_000), []);
  close(one(src, 'delta(g[30s])', 30), -3);
  close(one(src, 'idelta(g[1m])', 30), 3);
});

test('irate: the last two samples; a reset takes the last value', () => {
  const src = sourceOf({ c: [[0, 0], [15, 30], [30, 60]], r: [[0, 0], [15, 30], [30, 6]] });
  close(one(src, 'irate(c[1m])', 30), 2);
  close(one(src, 'irate(r[1m])', 30), 6 / 15);
});

test('deriv and predict_linear: least squares', () => {
  const src = sourceOf({ g: [[0, 0], [15, 1.5], [30, 3]], flat: [[0, 7], [15, 7]] });
  close(one(src, 'deriv(g[1m])', 30), 0.1);
  close(one(src, 'predict_linear(g[1m], 60)', 30), 9);
  assert.equal(one(src, 'deriv(flat[1m])', 15), 0);
  assert.equal(one(src, 'predict_linear(flat[1m], 3600)', 15), 7);
});

test('<aggregation>_over_time', () => {
  const src = sourceOf({ g: [[0, 1], [15, 5], [30, 3], [45, 3]] });
  assert.equal(one(src, 'avg_over_time(g[1m])', 45), 3);
  assert.equal(one(src, 'max_over_time(g[1m])', 45), 5);
  assert.equal(one(src, 'min_over_time(g[1m])', 45), 1);
  assert.equal(one(src, 'sum_over_time(g[1m])', 45), 12);
  assert.equal(one(src, 'count_over_time(g[1m])', 45), 4);
  assert.equal(one(src, 'last_over_time(g[1m])', 45), 3);
  assert.equal(one(src, 'stdvar_over_time(g[1m])', 45), 2);
  close(one(src, 'stddev_over_time(g[1m])', 45), Math.SQRT2);
  assert.equal(one(src, 'quantile_over_time(0.5, g[1m])', 45), 3);
  assert.equal(one(src, 'quantile_over_time(0.25, g[1m])', 45), 2.5);
  assert.equal(one(src, 'changes(g[1m])', 45), 2);
  assert.equal(one(src, 'present_over_time(g[1m])', 45), 1);
  assert.deepEqual(src.querySync('last_over_time(g[1m])', 45_000)[0]!.labels, { __name__: 'g' }, 'last_over_time keeps the name');
  // The range is closed at both ends: [45 - 30, 45] holds 15, 30 and 45.
  assert.equal(one(src, 'count_over_time(g[30s])', 45), 3);
});

test('histogram_quantile: interpolation, +Inf bucket, missing +Inf, monotonicity fix, duplicate bounds', () => {
  const h = (name: string, buckets: Array<[string, number]>) =>
    Object.fromEntries(buckets.map(([le, v]) => [`${name}{le="${le}",job="x"}`, [[0, v]] as Array<[number, number]>]));
  const src = sourceOf({
    ...h('a_bucket', [['1', 10], ['2', 20], ['+Inf', 20]]),
    ...h('b_bucket', [['1', 10], ['2', 20], ['+Inf', 30]]),
    ...h('c_bucket', [['1', 10], ['2', 20]]),
    ...h('d_bucket', [['1', 10], ['2', 8], ['4', 20], ['+Inf', 20]]),
    ...h('e_bucket', [['1', 5], ['1.0', 5], ['2', 20], ['+Inf', 20]]),
    ...h('f_bucket', [['-1', 5], ['1', 10], ['+Inf', 10]]),
  });
  assert.equal(one(src, 'histogram_quantile(0.5, a_bucket)', 0), 1);
  assert.equal(one(src, 'histogram_quantile(0.75, a_bucket)', 0), 1.5);
  assert.equal(one(src, 'histogram_quantile(1, a_bucket)', 0), 2);
  // Rank in the +Inf bucket: the highest finite bound.
  assert.equal(one(src, 'histogram_quantile(0.9, b_bucket)', 0), 2);
  assert.ok(Number.isNaN(one(src, 'histogram_quantile(0.5, c_bucket)', 0)));
  // 2 → 8 is lifted to 10, so the rank 15 lands in (2, 4]: 2 + 2 * (5 / 10).
  assert.equal(one(src, 'histogram_quantile(0.75, d_bucket)', 0), 3);
  // le="1" and le="1.0" are one bucket of 10.
  assert.equal(one(src, 'histogram_quantile(0.5, e_bucket)', 0), 1);
  // A first bucket with a non-positive bound answers its bound.
  assert.equal(one(src, 'histogram_quantile(0.1, f_bucket)', 0), -1);
  assert.equal(one(src, 'histogram_quantile(2, a_bucket)', 0), Infinity);
  assert.equal(one(src, 'histogram_quantile(-1, a_bucket)', 0), -Infinity);
  assert.deepEqual(src.querySync('histogram_quantile(0.5, a_bucket)', 0)[0]!.labels, { job: 'x' });
});

test('math functions drop the name', () => {
  const src = sourceOf({ 'g{a="1"}': [[0, -2.5]] });
  const at = (e: string) => one(src, e, 0);
  assert.equal(at('abs(g)'), 2.5);
  assert.equal(at('ceil(g)'), -2);
  assert.equal(at('floor(g)'), -3);
  assert.equal(at('round(g)'), -2, 'Go rounds half up');
  assert.equal(at('round(g, 2)'), -2);
  assert.equal(at('round(abs(g), 0.2)'), 2.6);
  assert.ok(Number.isNaN(at('sqrt(g)')));
  assert.equal(at('sgn(g)'), -1);
  assert.equal(at('clamp_min(g, 0)'), 0);
  assert.equal(at('clamp_max(g, -3)'), -3);
  assert.equal(at('clamp(g, -1, 1)'), -1);
  assert.deepEqual(src.querySync('clamp(g, 1, 0)', 0), [], 'max < min gives nothing');
  assert.deepEqual(src.querySync('abs(g)', 0)[0]!.labels, { a: '1' });
});

test('absent, scalar, vector, time, sort', () => {
  const src = sourceOf({ 'g{a="1"}': [[0, 3]], 'g{a="2"}': [[0, 1]] });
  assert.deepEqual(src.querySync('absent(g)', 0), []);
  assert.deepEqual(src.querySync('absent(nope{job="x", env=~"p.*"})', 0), [{ labels: { job: 'x' }, value: 1 }]);
  assert.deepEqual(src.querySync('absent(nope{job="x", job="y"})', 0), [{ labels: {}, value: 1 }]);
  assert.deepEqual(src.querySync('absent_over_time(nope{job="x"}[5m])', 0), [{ labels: { job: 'x' }, value: 1 }]);
  assert.deepEqual(src.querySync('absent_over_time(g[5m])', 0), []);
  assert.ok(Number.isNaN(one(src, 'scalar(g)', 0)), 'two samples: NaN');
  assert.equal(one(src, 'scalar(g{a="1"})', 0), 3);
  assert.deepEqual(src.querySync('vector(2)', 0), [{ labels: {}, value: 2 }]);
  assert.equal(one(src, 'time()', 90), 90);
  assert.deepEqual(src.querySync('sort(g)', 0).map((s) => s.value), [1, 3]);
  assert.deepEqual(src.querySync('sort_desc(g)', 0).map((s) => s.value), [3, 1]);
});

test('a function result with duplicate label sets is an error, as in Prometheus', () => {
  const src = sourceOf({ 'a{x="1"}': [[0, 1], [15, 2]], 'b{x="1"}': [[0, 1], [15, 2]] });
  assert.throws(() => src.querySync('rate({__name__=~"a|b"}[1m])', 15_000), /same labelset/);
  assert.equal(src.querySync('last_over_time({__name__=~"a|b"}[1m])', 15_000).length, 2);
});
