// Binary operators, vector matching and aggregations on small hand-computed cases.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { EmbeddedSource } from '../../src/rules/promql/index.js';
import { SeriesStore, parseSampleLine, formatLabels } from '../../src/rules/scrape/index.js';
import type { VectorSample } from '../../src/rules/types.js';

function sourceOf(series: Record<string, number>): EmbeddedSource {
  const store = new SeriesStore();
  for (const [metric, value] of Object.entries(series)) store.append(parseSampleLine(`${metric} 0`).labels, 0, value);
  return new EmbeddedSource({ store });
}

/** Results as sorted `labels value` strings, easy to compare. */
function q(src: EmbeddedSource, expr: string): string[] {
  return src.querySync(expr, 0).map((s: VectorSample) => `${formatLabels(s.labels)} ${s.value}`).sort();
}

const src = sourceOf({
  'req{code="200",method="get",instance="a"}': 8,
  'req{code="500",method="get",instance="a"}': 2,
  'req{code="200",method="post",instance="a"}': 3,
  'req{code="500",method="post",instance="a"}': 1,
  'info{method="get",kind="read"}': 1,
  'info{method="post",kind="write"}': 1,
  'temp{room="r1",floor="1"}': 20,
  'temp{room="r2",floor="1"}': 22,
  'temp{room="r3",floor="2"}': 25,
});

test('scalar arithmetic, precedence and unary minus', () => {
  assert.deepEqual(q(src, '1 + 2 * 3'), ['{} 7']);
  assert.deepEqual(q(src, '2 ^ 3 ^ 2'), ['{} 512'], '^ is right-associative');
  assert.deepEqual(q(src, '-2 ^ 2'), ['{} -4'], 'unary minus binds looser than ^');
  assert.deepEqual(q(src, '7 % 3'), ['{} 1']);
  assert.deepEqual(q(src, '(1 + 2) / 4'), ['{} 0.75']);
  assert.deepEqual(q(src, '1 / 0'), ['{} Infinity']);
  assert.deepEqual(q(src, '1 ^ NaN'), ['{} 1'], "Go's Pow: 1 ^ anything is 1");
  assert.deepEqual(q(src, '2 > bool 1'), ['{} 1']);
  assert.deepEqual(q(src, '2 == bool 1'), ['{} 0']);
});

test('vector and scalar: arithmetic drops the name, a filter keeps it, bool gives 0/1', () => {
  assert.deepEqual(q(src, 'temp{room="r1"} * 2'), ['{floor="1", room="r1"} 40']);
  assert.deepEqual(q(src, '-temp{room="r1"}'), ['{floor="1", room="r1"} -20']);
  assert.deepEqual(q(src, 'temp > 21'), ['temp{floor="1", room="r2"} 22', 'temp{floor="2", room="r3"} 25']);
  assert.deepEqual(q(src, '21 < temp'), ['temp{floor="1", room="r2"} 22', 'temp{floor="2", room="r3"} 25'], 'the vector value is kept');
  assert.deepEqual(q(src, 'temp >= bool 22'), ['{floor="1", room="r1"} 0', '{floor="1", room="r2"} 1', '{floor="2", room="r3"} 1']);
  assert.deepEqual(q(src, 'temp == 20'), ['temp{floor="1", room="r1"} 20']);
  assert.deepEqual(q(src, 'temp != 20'), ['temp{floor="1", room="r2"} 22', 'temp{floor="2", room="r3"} 25']);
  assert.deepEqual(q(src, 'temp <= 20'), ['temp{floor="1", room="r1"} 20']);
  assert.deepEqual(q(src, 'temp < 20'), []);
  assert.deepEqual(q(src, '100 - temp{room="r3"}'), ['{floor="2", room="r3"} 75']);
  assert.deepEqual(q(src, 'temp{room="r3"} % 7'), ['{floor="2", room="r3"} 4']);
  assert.deepEqual(q(src, 'temp{room="r1"} ^ 2'), ['{floor="1", room="r1"} 400']);
});

test('vector and vector: one-to-one with ignoring and on', () => {
  assert.deepEqual(q(src, 'req{code="500"} / ignoring(code) req{code="200"}'), ['{instance="a", method="get"} 0.25', '{instance="a", method="post"} 0.3333333333333333']);
  assert.deepEqual(q(src, 'req{code="500"} > on(method) req{code="200"}'), []);
  assert.deepEqual(q(src, 'req{code="500"} < on(method) req{code="200"}'), ['{method="get"} 2', '{method="post"} 1'], 'on() keeps only its labels');
  assert.deepEqual(q(src, 'req{code="500"} < bool ignoring(code) req{code="200"}'), ['{instance="a", method="get"} 1', '{instance="a", method="post"} 1']);
  // Without a matching clause all labels must match: different codes never do.
  assert.deepEqual(q(src, 'req{code="500"} + req{code="200"}'), []);
});

test('group_left / group_right copy labels from the one side', () => {
  assert.deepEqual(q(src, 'req{code="200"} * on(method) group_left(kind) info'), [
    '{code="200", instance="a", kind="read", method="get"} 8',
    '{code="200", instance="a", kind="write", method="post"} 3',
  ]);
  assert.deepEqual(q(src, 'info * on(method) group_right(kind) req{code="500"}'), [
    '{code="500", instance="a", kind="read", method="get"} 2',
    '{code="500", instance="a", kind="write", method="post"} 1',
  ]);
  assert.deepEqual(q(src, 'req / on(method) group_left sum by (method) (req)'), [
    '{code="200", instance="a", method="get"} 0.8', '{code="200", instance="a", method="post"} 0.75',
    '{code="500", instance="a", method="get"} 0.2', '{code="500", instance="a", method="post"} 0.25',
  ]);
});

test('matching errors as Prometheus reports them', () => {
  assert.throws(() => src.querySync('req / on(method) info', 0), /multiple matches for labels: many-to-one matching must be explicit/);
  assert.throws(() => src.querySync('info / on(method) req', 0), /found duplicate series for the match group/);
});

test('and, or, unless', () => {
  assert.deepEqual(q(src, 'temp and temp > 21'), ['temp{floor="1", room="r2"} 22', 'temp{floor="2", room="r3"} 25']);
  assert.deepEqual(q(src, 'temp unless temp > 21'), ['temp{floor="1", room="r1"} 20']);
  assert.deepEqual(q(src, 'temp > 24 or temp < 21'), ['temp{floor="1", room="r1"} 20', 'temp{floor="2", room="r3"} 25']);
  assert.deepEqual(q(src, 'req and on(method) info{kind="read"}').length, 2);
  assert.deepEqual(q(src, 'nothing or vector(0)'), ['{} 0']);
});

test('aggregations with by and without', () => {
  assert.deepEqual(q(src, 'sum(req)'), ['{} 14']);
  assert.deepEqual(q(src, 'sum by (code) (req)'), ['{code="200"} 11', '{code="500"} 3']);
  assert.deepEqual(q(src, 'sum without (code, instance) (req)'), ['{method="get"} 10', '{method="post"} 4']);
  assert.deepEqual(q(src, 'sum(req) by (nope)'), ['{} 14'], 'a missing grouping label is left out');
  assert.deepEqual(q(src, 'avg by (floor) (temp)'), ['{floor="1"} 21', '{floor="2"} 25']);
  assert.deepEqual(q(src, 'max(temp)'), ['{} 25']);
  assert.deepEqual(q(src, 'min by (floor) (temp)'), ['{floor="1"} 20', '{floor="2"} 25']);
  assert.deepEqual(q(src, 'count(req)'), ['{} 4']);
  assert.deepEqual(q(src, 'group by (method) (req)'), ['{method="get"} 1', '{method="post"} 1']);
  assert.deepEqual(q(src, 'stdvar by (floor) (temp)'), ['{floor="1"} 1', '{floor="2"} 0']);
  assert.deepEqual(q(src, 'stddev by (floor) (temp)'), ['{floor="1"} 1', '{floor="2"} 0']);
  assert.deepEqual(q(src, 'quantile(0.5, temp)'), ['{} 22']);
  assert.deepEqual(q(src, 'quantile(0.25, temp)'), ['{} 21']);
  assert.deepEqual(q(src, 'topk(2, temp)'), ['temp{floor="1", room="r2"} 22', 'temp{floor="2", room="r3"} 25'], 'topk keeps the labels');
  assert.deepEqual(q(src, 'bottomk by (floor) (1, temp)'), ['temp{floor="1", room="r1"} 20', 'temp{floor="2", room="r3"} 25']);
  assert.deepEqual(q(src, 'topk(0, temp)'), []);
  assert.deepEqual(q(src, 'sum(nothing)'), []);
});
