// The regression guard of `npm run bench` (seed 004): which figure against the baseline is a
// regression, what is printed, and when the exit code says so.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { compareWithBaseline, exitCodeFor, formatComparison, type Figure } from '../../bench/lib/baseline.js';
import { apiFigures, rulesFigures } from '../../bench/lib/figures.js';

const rps = (name: string, value: number): Figure => ({ name, value, better: 'higher' });
const ms = (name: string, value: number): Figure => ({ name, value, better: 'lower' });

test('a throughput or ratio more than 20% below its baseline is a regression, 20% or less is not', () => {
  const rows = compareWithBaseline([rps('a', 79.9), rps('b', 80), rps('c', 150)], { a: 100, b: 100, c: 100 });
  assert.deepEqual(rows.map((r) => [r.name, r.status]), [['a', 'regressed'], ['b', 'ok'], ['c', 'ok']]);
  assert.equal(rows[0]!.changePct!.toFixed(1), '-20.1');
  assert.equal(rows[2]!.changePct, 50);
});

test('latencies and times are compared but not judged unless guarded, then judged upwards', () => {
  const [unguarded, guarded, fine] = compareWithBaseline([ms('p99', 300), { ...ms('tick', 121), guarded: true }, { ...ms('t2', 119), guarded: true }], { p99: 100, tick: 100, t2: 100 });
  assert.equal(unguarded!.status, 'ok');
  assert.equal(unguarded!.changePct, 200);
  assert.equal(guarded!.status, 'regressed');
  assert.equal(fine!.status, 'ok');
});

test('a figure without a baseline is new; a baseline figure this run did not measure is listed last, not a regression', () => {
  const rows = compareWithBaseline([rps('fresh', 5)], { gone: 10 });
  assert.deepEqual(rows.map((r) => [r.name, r.status, r.current, r.baseline]), [['fresh', 'new', 5, undefined], ['gone', 'missing', undefined, 10]]);
  assert.equal(exitCodeFor(rows, true), 0);
});

test('a zero baseline gives no percentage and no regression; the tolerance is checked', () => {
  assert.deepEqual(compareWithBaseline([rps('z', 3)], { z: 0 }).map((r) => [r.status, r.changePct]), [['ok', undefined]]);
  assert.equal(compareWithBaseline([rps('a', 85)], { a: 100 }, 0.1)[0]!.status, 'regressed');
  assert.throws(() => compareWithBaseline([], {}, 0), /tolerance must be a fraction in \(0, 1\), got 0/);
  assert.throws(() => compareWithBaseline([], {}, 1.5), /got 1.5/);
});

test('the exit code is 1 only with strict and a regression', () => {
  const regressed = compareWithBaseline([rps('a', 10)], { a: 100 });
  const ok = compareWithBaseline([rps('a', 100)], { a: 100 });
  assert.equal(exitCodeFor(regressed, false), 0);
  assert.equal(exitCodeFor(regressed, true), 1);
  assert.equal(exitCodeFor(ok, true), 0);
});

test('the table prints every change, marks each regression and sums them up', () => {
  const text = formatComparison(compareWithBaseline([rps('api.hits.rps', 50), ms('api.hits.p99_ms', 12), rps('new.one', 1)], { 'api.hits.rps': 100, 'api.hits.p99_ms': 10 }));
  const lines = text.split('\n');
  assert.match(lines[1]!, /^api\.hits\.rps\s+100\s+50\s+-50\.0% {2}<< more than 20% below the baseline$/);
  assert.match(lines[2]!, /^api\.hits\.p99_ms\s+10\s+12\s+\+20\.0%$/);
  assert.match(lines[3]!, /^new\.one\s+-\s+1\s+new$/);
  assert.equal(lines[4], '1 figure more than 20% worse than the baseline: api.hits.rps');
  assert.match(formatComparison([]), /^figure.*\nno guarded figure more than 20% worse than the baseline$/);
});

test('the results files become named figures with their better direction', () => {
  const api = apiFigures({
    results: [{ id: 'hits', rps: 4000, p95_ms: 17, p99_ms: 27 }, { rps: 1, p95_ms: 1, p99_ms: 1 }],
    ratios: { telemetry_throughput_kept: 0.5, telemetry_p99_ratio: 1.7, batching_speedup_256: 3.2 },
  });
  assert.deepEqual(api.map((f) => [f.name, f.value, f.better]), [
    ['api.hits.rps', 4000, 'higher'], ['api.hits.p95_ms', 17, 'lower'], ['api.hits.p99_ms', 27, 'lower'],
    ['api.telemetry_throughput_kept', 0.5, 'higher'], ['api.telemetry_p99_ratio', 1.7, 'lower'], ['api.batching_speedup_256', 3.2, 'higher'],
  ]);
  assert.deepEqual(rulesFigures({ median_tick_ms: 40 }).map((f) => [f.name, f.value, f.better]), [['rules.median_tick_ms', 40, 'lower'], ['rules.ticks_per_s', 25, 'higher']]);
});
