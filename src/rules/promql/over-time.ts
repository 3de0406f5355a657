// The <aggregation>_over_time functions, with Prometheus's summation order and NaN handling.
import { kahanSumInc, type Numbers } from './range-functions.js';

/** avg_over_time: a compensated incremental mean, which cannot overflow where a plain sum would. */
export function avgOverTime(values: Numbers): number {
  let mean = 0;
  let c = 0;
  let count = 0;
  for (const v of values) {
    count++;
    if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
      // An infinite mean stays as it is unless an opposite infinity or a NaN arrives.
      if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) continue;
      if (Number.isFinite(v)) continue;
    }
    [mean, c] = kahanSumInc(v / count - mean / count, mean, c);
  }
  return !Number.isFinite(mean) && !Number.isNaN(mean) ? mean : mean + c;
}

/** sum_over_time, compensated. */
export function sumOverTime(values: Numbers): number {
  let sum = 0;
  let c = 0;
  for (const v of values) [sum, c] = kahanSumInc(v, sum, c);
  return sum + c;
}

/** max_over_time: NaN only when every value is NaN. */
export function maxOverTime(values: Numbers): number {
  let max = values[0]!;
  for (const v of values) if (v > max || Number.isNaN(max)) max = v;
  return max;
}

/** min_over_time: NaN only when every value is NaN. */
export function minOverTime(values: Numbers): number {
  let min = values[0]!;
  for (const v of values) if (v < min || Number.isNaN(min)) min = v;
  return min;
}

/** stdvar_over_time: the population variance by Welford's method, compensated. */
export function stdvarOverTime(values: Numbers): number {
  let count = 0;
  let mean = 0, cMean = 0;
  let aux = 0, cAux = 0;
  for (const v of values) {
    count++;
    const delta = v - (mean + cMean);
    [mean, cMean] = kahanSumInc(delta / count, mean, cMean);
    [aux, cAux] = kahanSumInc(delta * (v - (mean + cMean)), aux, cAux);
  }
  return (aux + cAux) / count;
}

/**
 * The φ-quantile (0 ≤ φ ≤ 1) of `values` by linear interpolation between the closest ranks,
 * shared by quantile_over_time and the quantile aggregation. Sorts `values` in place.
 */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0) return Number.NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  // Go's sort.Float64s order: NaN first, then ascending.
  values.sort((a, b) => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : a - b));
  const n = values.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return values[lower]! * (1 - weight) + values[upper]! * weight;
}
