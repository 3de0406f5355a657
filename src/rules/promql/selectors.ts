// Instant and range selection from the series store with Prometheus 2.x semantics: an
// instant selector takes each series' newest sample in [t - lookback, t] unless that sample
// is a staleness marker; a range selector takes the samples in [t - range, t], markers dropped.
import { matches } from './matcher.js';
import type { VectorSample } from '../types.js';
import { compareLabels, METRIC_NAME } from '../scrape/labels.js';
import type { SeriesStore, StoredSeries } from '../scrape/store.js';
import type { MatrixSelectorNode, VectorSelectorNode } from './ast.js';
import type { MatrixValue } from './values.js';

/** The stored series a selector's matchers accept, in Prometheus's label order. */
export function selectSeries(store: SeriesStore, sel: VectorSelectorNode): readonly StoredSeries[] {
  return store.selectCached(sel.key, () => select(store, sel));
}

function select(store: SeriesStore, sel: VectorSelectorNode): readonly StoredSeries[] {
  if (sel.name !== undefined) return filter(store.seriesNamed(sel.name), sel);
  // Without a fixed name, test the name matchers against each name before touching series.
  const nameMatchers = sel.matchers.filter((m) => m.name === METRIC_NAME);
  const out: StoredSeries[] = [];
  for (const name of store.metricNames()) {
    if (nameMatchers.every((m) => matches(m, name))) out.push(...filter(store.seriesNamed(name), sel));
  }
  return out.sort((a, b) => compareLabels(a.labels, b.labels));
}

function filter(series: readonly StoredSeries[], sel: VectorSelectorNode): readonly StoredSeries[] {
  const matchers = sel.matchers.filter((m) => m.name !== METRIC_NAME);
  if (matchers.length === 0) return series;
  return series.filter((s) => matchers.every((m) => matches(m, s.labels[m.name] ?? '')));
}

/** Evaluates an instant selector at `timeMs`. */
export function selectInstant(store: SeriesStore, sel: VectorSelectorNode, timeMs: number, lookbackMs: number): VectorSample[] {
  const ref = timeMs - sel.offsetMs;
  const out: VectorSample[] = [];
  for (const series of selectSeries(store, sel)) {
    const ring = series.samples;
    const i = ring.upperBound(ref) - 1;
    if (i < 0 || ring.timeAt(i) < ref - lookbackMs || ring.staleAt(i)) continue;
    out.push({ labels: series.labels, value: ring.valueAt(i) });
  }
  return out;
}

/** Evaluates a range selector at `timeMs`; series with no sample in range are left out. */
export function selectRange(store: SeriesStore, node: MatrixSelectorNode, timeMs: number): MatrixValue {
  const endMs = timeMs - node.selector.offsetMs;
  const startMs = endMs - node.rangeMs;
  const result: MatrixValue = { type: 'matrix', series: [], startMs, endMs, rangeMs: node.rangeMs };
  for (const series of selectSeries(store, node.selector)) {
    const { times, values } = series.samples.range(startMs, endMs);
    if (times.length > 0) result.series.push({ labels: series.labels, times, values });
  }
  return result;
}
