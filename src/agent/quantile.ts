// Quantiles estimated from histogram buckets the way Prometheus' `histogram_quantile` does:
// find the bucket the rank falls in and interpolate linearly inside it, from its lower bound
// (0 for the first bucket) to its upper bound. A rank in the open top bucket answers the
// highest finite bound, as Prometheus does: the histogram knows no more than that.

/**
 * The `q`-quantile (0 ≤ q ≤ 1) of the observations in `counts`, or null when there are none.
 * `counts[i]` is the number of observations in bucket i (not cumulative): bucket i spans
 * (`bounds[i-1]`, `bounds[i]`], and the last entry of `counts` the observations above every bound.
 */
export function histogramQuantile(q: number, bounds: readonly number[], counts: readonly number[]): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within [0, 1], got ${q}`);
  if (counts.length !== bounds.length + 1) throw new RangeError(`expected ${bounds.length + 1} bucket counts (one above the last bound), got ${counts.length}`);
  let total = 0;
  for (const c of counts) total += c;
  if (total <= 0) return null;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < bounds.length; i++) {
    const inBucket = counts[i]!;
    if (below + inBucket >= rank && inBucket > 0) {
      const lower = i === 0 ? 0 : bounds[i - 1]!;
      return lower + (bounds[i]! - lower) * ((rank - below) / inBucket);
    }
    below += inBucket;
  }
  return bounds[bounds.length - 1] ?? null;
}
