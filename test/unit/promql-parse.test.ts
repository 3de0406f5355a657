// The parser/checker: supported constructs parse, everything else is refused with a message
// naming the construct and its column, and type errors are caught before evaluation.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { EmbeddedSource, parsePromQL } from '../../src/rules/promql/index.js';
import { parseDuration, parseNumber, parseString } from '../../src/rules/promql/literals.js';
import { SeriesStore } from '../../src/rules/scrape/index.js';

const refused: Array<[string, RegExp]> = [
  ['rate(foo[5m:1m])', /unsupported in embedded mode: subquery at 6$/],
  ['label_replace(foo, "a", "$1", "b", "(.*)")', /unsupported in embedded mode: function label_replace at 1$/],
  ['foo @ 100', /unsupported in embedded mode: @ modifier/],
  ['count_values("v", foo)', /unsupported in embedded mode: aggregation count_values/],
  ['foo atan2 bar', /unsupported in embedded mode: binary operator atan2/],
  ['foo[1m+1m]', /unsupported in embedded mode: duration expression/],
];

for (const [expr, message] of refused) {
  test(`check refuses ${expr}`, () => {
    assert.throws(() => new EmbeddedSource({ store: new SeriesStore() }).check(expr), message);
  });
}

const invalid: Array<[string, RegExp]> = [
  ['foo +', /syntax error at 6/],
  ['rate(foo)', /function rate: argument 1 must be matrix, got vector/],
  ['rate(foo[5m], 1)', /function rate takes 1 arguments, got 2/],
  ['sum(foo[5m])', /aggregation sum expects an instant vector, got matrix/],
  ['topk(foo)', /aggregation topk takes 2 arguments/],
  ['1 > 2', /comparisons between scalars must use BOOL modifier/],
  ['foo + bool bar', /bool modifier can only be used on comparison operators/],
  ['foo and 1', /set operator and not allowed in binary scalar expression/],
  ['foo and on(a) group_left bar', /no grouping allowed for "and" operation/],
  ['1 + on(a) 2', /vector matching only allowed between instant vectors/],
  ['foo / on(a) group_left(a) bar', /label "a" must not occur in ON and GROUP clause at once/],
  ['{a=""}', /at least one non-empty matcher/],
  ['{a=~".*"}', /at least one non-empty matcher/],
  ['foo{a=~"("}', /invalid regular expression/],
  ['foo[5m] + 1', /only scalar and instant vector types, got matrix/],
  ['-(foo[5m])', /unary expression only allowed on scalars or instant vectors/],
  ['-foo[5m]', /ranges only allowed for vector selectors/],
  ['(foo + bar)[5m]', /ranges only allowed for vector selectors/],
];

for (const [expr, message] of invalid) {
  test(`parse rejects ${expr}`, () => assert.throws(() => parsePromQL(expr), message));
}

test('selectors: name, matchers of all four kinds, offset, quoted metric name', () => {
  const e = parsePromQL('foo{a="1", b!="2", c=~"x|y", d!~"z.*"} offset 5m');
  assert.equal(e.kind, 'vector');
  if (e.kind !== 'vector') return;
  assert.equal(e.name, 'foo');
  assert.equal(e.offsetMs, 300_000);
  assert.deepEqual(e.matchers.map((m) => `${m.name}${m.type}${m.value}`), ['__name__=foo', 'a=1', 'b!=2', 'c=~x|y', 'd!~z.*']);
  // Regexes are anchored at both ends, as Prometheus anchors them.
  assert.equal(e.matchers[3]!.re!.test('xx'), false);
  const m = parsePromQL('{__name__="bar", a="1"}[10m] offset 1h');
  assert.ok(m.kind === 'matrix' && m.selector.name === 'bar' && m.rangeMs === 600_000 && m.selector.offsetMs === 3_600_000);
});

test('binary modifiers: bool, on/ignoring, group_left/group_right with labels', () => {
  const e = parsePromQL('a > bool on(x, y) group_left(z) b');
  assert.ok(e.kind === 'binary');
  if (e.kind !== 'binary') return;
  assert.equal(e.returnBool, true);
  assert.deepEqual(e.matching, { card: 'many-to-one', on: true, labels: ['x', 'y'], include: ['z'] });
  const r = parsePromQL('a / ignoring(x) group_right b');
  assert.ok(r.kind === 'binary' && r.matching.card === 'one-to-many' && !r.matching.on && r.matching.labels[0] === 'x');
  const s = parsePromQL('a or b');
  assert.ok(s.kind === 'binary' && s.matching.card === 'many-to-many');
});

test('aggregations: by/without before or after the body, parameters', () => {
  const a = parsePromQL('sum without (a, b) (foo)');
  assert.ok(a.kind === 'aggregate' && a.without && a.grouping.join() === 'a,b');
  const b = parsePromQL('quantile(0.9, foo) by (x)');
  assert.ok(b.kind === 'aggregate' && !b.without && b.grouping.join() === 'x' && b.param?.kind === 'number');
});

test('number literals: decimal, exponent, hex, Inf, NaN, signs, durations as seconds', () => {
  assert.equal(parseNumber('1.5e3'), 1500);
  assert.equal(parseNumber('0x1f'), 31);
  assert.equal(parseNumber('-Inf'), -Infinity);
  assert.ok(Number.isNaN(parseNumber('NaN')));
  assert.equal(parseNumber('+.5'), 0.5);
  assert.equal(parseNumber('1m30s'), 90);
  const e = parsePromQL('-(a)');
  assert.ok(e.kind === 'unary');
  const n = parsePromQL('-2');
  assert.deepEqual(n, { kind: 'number', value: -2 });
});

test('durations and strings', () => {
  assert.equal(parseDuration('1h30m'), 5_400_000);
  assert.equal(parseDuration('100ms'), 100);
  assert.equal(parseDuration('1d'), 86_400_000);
  assert.equal(parseDuration('1w'), 604_800_000);
  assert.equal(parseDuration('90'), 90_000);
  assert.equal(parseString('"a\\"b\\n\\x41\\u00e9"'), 'a"b\nAé');
  assert.equal(parseString("'it\\'s'"), "it's");
  assert.equal(parseString('`raw\\n`'), 'raw\\n');
});

test('every supported construct of the README list parses', () => {
  const supported = [
    'rate(a[5m])', 'irate(a[5m])', 'increase(a[1h])', 'delta(a[5m])', 'idelta(a[5m])', 'deriv(a[5m])', 'predict_linear(a[1h], 3600)',
    'avg_over_time(a[5m])', 'max_over_time(a[5m])', 'min_over_time(a[5m])', 'sum_over_time(a[5m])', 'count_over_time(a[5m])',
    'last_over_time(a[5m])', 'stddev_over_time(a[5m])', 'stdvar_over_time(a[5m])', 'quantile_over_time(0.5, a[5m])',
    'changes(a[5m])', 'resets(a[5m])', 'present_over_time(a[5m])', 'absent_over_time(a[5m])',
    'histogram_quantile(0.9, rate(a_bucket[5m]))', 'abs(a)', 'ceil(a)', 'floor(a)', 'round(a, 0.5)', 'sqrt(a)', 'sgn(a)',
    'clamp(a, 0, 1)', 'clamp_min(a, 0)', 'clamp_max(a, 1)', 'absent(a)', 'scalar(a)', 'vector(1)', 'time()', 'sort(a)', 'sort_desc(a)',
    'sum(a)', 'avg(a)', 'max(a)', 'min(a)', 'count(a)', 'group(a)', 'stddev(a)', 'stdvar(a)', 'quantile(0.5, a)', 'topk(3, a)', 'bottomk(3, a)',
    'a + b', 'a - 1', '2 * a', 'a / b', 'a % 2', 'a ^ 2', 'a == b', 'a != 1', 'a > 1', 'a < bool 1', 'a >= b', 'a <= b',
    'a and b', 'a or b', 'a unless b', '-a', '+a', '(a)',
  ];
  for (const e of supported) assert.doesNotThrow(() => parsePromQL(e), e);
});
