// The series store and what the evaluator reads from it: ring buffer growth and eviction,
// retention, the series limit, the 5-minute lookback and staleness markers.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { EmbeddedSource } from '../../src/rules/promql/index.js';
import { SampleRing, SeriesStore, labelsKey } from '../../src/rules/scrape/index.js';

test('SampleRing grows past its initial capacity, keeps order, evicts from the head', () => {
  const ring = new SampleRing();
  for (let i = 0; i < 100; i++) assert.equal(ring.push(i * 10, i), true);
  assert.equal(ring.size, 100);
  assert.equal(ring.push(500, 0), false, 'out of order is refused');
  ring.evictBefore(300);
  assert.equal(ring.size, 70);
  assert.equal(ring.timeAt(0), 300);
  assert.equal(ring.valueAt(69), 99);
  for (let i = 100; i < 140; i++) ring.push(i * 10, i); // wraps around the buffer
  assert.equal(ring.timeAt(ring.size - 1), 1390);
  assert.equal(ring.lowerBound(305), 1);
  assert.equal(ring.upperBound(310), 2);
  ring.push(1400, Number.NaN, true);
  assert.equal(ring.staleAt(ring.size - 1), true);
});

test('SeriesStore rejects invalid options with a precise message', () => {
  assert.throws(() => new SeriesStore({ retentionMs: 0 }), /retentionMs must be > 0, got 0/);
  assert.throws(() => new SeriesStore({ maxSeries: 1.5 }), /maxSeries must be a positive integer, got 1.5/);
  assert.throws(() => new EmbeddedSource({ store: new SeriesStore(), lookbackMs: -1 }), /lookbackMs must be > 0/);
});

test('the series limit drops and counts new series, never existing ones', () => {
  const store = new SeriesStore({ maxSeries: 2 });
  const r = store.ingest([
    { labels: { __name__: 'a' }, value: 1 },
    { labels: { __name__: 'b' }, value: 1 },
    { labels: { __name__: 'c' }, value: 1 },
  ], 1000);
  assert.deepEqual(r, { appended: 2, droppedSeries: 1, outOfOrder: 0 });
  assert.equal(store.seriesCount, 2);
  const again = store.ingest([{ labels: { __name__: 'a' }, value: 2 }, { labels: { __name__: 'c' }, value: 2 }], 2000);
  assert.deepEqual(again, { appended: 1, droppedSeries: 1, outOfOrder: 0 });
  assert.equal(store.droppedSeriesTotal, 2);
});

test('retention trims samples and removes series without any', () => {
  const store = new SeriesStore({ retentionMs: 60_000 });
  for (let t = 0; t <= 120_000; t += 15_000) store.ingest([{ labels: { __name__: 'kept' }, value: t }], t);
  store.ingest([{ labels: { __name__: 'gone' }, value: 1 }], 130_000);
  const src = new EmbeddedSource({ store });
  assert.deepEqual(src.querySync('count_over_time(kept[10m])', 130_000).map((s) => s.value), [5], '60..120 s kept');
  // 'gone' stops being written; a minute of data time later a sweep drops it.
  for (let t = 135_000; t <= 260_000; t += 15_000) store.ingest([{ labels: { __name__: 'kept' }, value: t }], t);
  assert.deepEqual(store.seriesNamed('gone'), []);
  assert.equal(store.seriesCount, 1);
});

test('empty label values are absent labels', () => {
  const store = new SeriesStore();
  store.append({ __name__: 'x', a: '', b: '1' }, 0, 1);
  assert.deepEqual(store.seriesNamed('x')[0]!.labels, { __name__: 'x', b: '1' });
});

test('instant selectors look back 5 minutes, inclusive', () => {
  const store = new SeriesStore();
  store.append({ __name__: 'g' }, 0, 7);
  const src = new EmbeddedSource({ store });
  assert.equal(src.querySync('g', 300_000).length, 1, 'exactly 5 minutes old');
  assert.equal(src.querySync('g', 300_001).length, 0);
  assert.equal(src.querySync('g', 0)[0]!.value, 7);
  assert.equal(src.querySync('g', -1).length, 0, 'nothing before the first sample');
  assert.equal(new EmbeddedSource({ store, lookbackMs: 60_000 }).querySync('g', 61_000).length, 0, 'lookback is configurable');
  assert.equal(src.querySync('g offset 1m', 360_000).length, 1, 'offset shifts the lookback window');
});

test('a staleness marker ends a series for instant selectors, and is skipped by range selectors', () => {
  const store = new SeriesStore();
  const labels = { __name__: 'g', a: '1' };
  store.append(labels, 0, 1);
  store.append(labels, 15_000, 2);
  store.markStale(labelsKey(labels), 30_000);
  const src = new EmbeddedSource({ store });
  assert.equal(src.querySync('g', 20_000)[0]!.value, 2);
  assert.deepEqual(src.querySync('g', 30_000), []);
  assert.deepEqual(src.querySync('g', 100_000), []);
  assert.equal(src.querySync('count_over_time(g[1m])', 30_000)[0]!.value, 2, 'the marker is not a sample');
  store.append(labels, 45_000, 3);
  assert.equal(src.querySync('g', 50_000)[0]!.value, 3, 'a new sample revives the series');
});

test('a selector without a metric name scans every name, in label order', () => {
  const store = new SeriesStore();
  store.append({ __name__: 'b', job: 'x' }, 0, 2);
  store.append({ __name__: 'a', job: 'x' }, 0, 1);
  store.append({ __name__: 'c', job: 'y' }, 0, 3);
  const src = new EmbeddedSource({ store });
  assert.deepEqual(src.querySync('{job="x"}', 0).map((s) => s.labels.__name__), ['a', 'b']);
  assert.deepEqual(src.querySync('{__name__=~"a|c"}', 0).map((s) => s.value), [1, 3]);
});

test('the parsed tree is cached per expression', () => {
  const src = new EmbeddedSource({ store: new SeriesStore(), cacheSize: 2 });
  const first = src.parse('sum(rate(a[5m]))');
  assert.equal(src.parse('sum(rate(a[5m]))'), first);
  src.parse('b');
  src.parse('c'); // over the bound: the cache starts over
  assert.notEqual(src.parse('sum(rate(a[5m]))'), first);
});

test('query answers a promise; a scalar is one unlabelled sample; a string is refused', async () => {
  const src = new EmbeddedSource({ store: new SeriesStore() });
  assert.equal(src.name, 'embedded');
  assert.deepEqual(await src.query('1 + 1', 0), [{ labels: {}, value: 2 }]);
  await assert.rejects(src.query('"text"', 0), /must evaluate to an instant vector or a scalar, got string/);
  await assert.rejects(src.query('rate(a[5m:])', 0), /unsupported in embedded mode: subquery/);
});

test('range-function results are shared within one instant and recomputed after new data', () => {
  const store = new SeriesStore();
  const labels = { __name__: 'c' };
  for (let t = 0; t <= 60_000; t += 15_000) store.append(labels, t, t / 1000);
  const src = new EmbeddedSource({ store });
  const a = src.querySync('rate(c[1m])', 60_000)[0]!.value;
  assert.equal(src.querySync('rate(c[1m]) * 2', 60_000)[0]!.value, a * 2);
  store.append(labels, 75_000, 1000);
  assert.notEqual(src.querySync('rate(c[1m])', 75_000)[0]!.value, a);
  store.append(labels, 90_000, 1001);
  assert.equal(src.querySync('increase(c[30s])', 90_000)[0]!.value, 1001 - 60, 'the range [60 s, 90 s] is closed');
});
