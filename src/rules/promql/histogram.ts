// histogram_quantile over classic (le-bucketed) histograms, as Prometheus 2.x computes it:
// buckets grouped by their labels without `le`, sorted, equal bounds merged, cumulative
// counts forced monotonic (rate() of buckets scraped at slightly different times can dip),
// then linear interpolation inside the bucket holding the rank.
import type { Labels, VectorSample } from '../types.js';
import { labelsKey, METRIC_NAME } from '../scrape/labels.js';
import { parseSampleValue } from '../scrape/exposition.js';

interface Bucket {
  upperBound: number;
  count: number;
}

/** The q-quantile from cumulative buckets; NaN without a +Inf bucket or observations. */
export function bucketQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.upperBound - b.upperBound);
  if (sorted[sorted.length - 1]!.upperBound !== Infinity) return Number.NaN;
  const buckets = coalesce(sorted);
  ensureMonotonic(buckets);
  if (buckets.length < 2) return Number.NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  // sort.Search over all but the +Inf bucket: the first bucket whose count reaches the rank.
  let b = 0;
  while (b < buckets.length - 1 && !(buckets[b]!.count >= rank)) b++;
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

// Merges buckets with the same upper bound (e.g. le="1" and le="1.0").
function coalesce(buckets: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const b of buckets) {
    const last = out[out.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ ...b });
  }
  return out;
}

function ensureMonotonic(buckets: Bucket[]): void {
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count > max) max = b.count;
    else if (b.count < max) b.count = max;
  }
}

/** histogram_quantile(q, v): one result per bucket group, labelled without `le` and `__name__`. */
export function histogramQuantile(q: number, samples: readonly VectorSample[]): VectorSample[] {
  const groups = new Map<string, { labels: Labels; buckets: Bucket[] }>();
  for (const s of samples) {
    const le = s.labels.le;
    if (le === undefined) continue;
    let upperBound: number;
    try {
      upperBound = parseSampleValue(le);
    } catch {
      continue; // A malformed le label: Prometheus skips the sample.
    }
    const { le: _le, ...rest } = s.labels;
    const key = labelsKey(rest);
    let group = groups.get(key);
    if (!group) {
      const { [METRIC_NAME]: _name, ...labels } = rest;
      groups.set(key, (group = { labels, buckets: [] }));
    }
    group.buckets.push({ upperBound, count: s.value });
  }
  return [...groups.values()].map((g) => ({ labels: g.labels, value: bucketQuantile(q, g.buckets) }));
}
