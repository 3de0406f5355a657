// Functions over the samples of one series in a range, written to match Prometheus 2.x float
// for float (same operations in the same order), since alert thresholds sit on these values
// and the differential test compares them exactly with promtool.

/** Sample times or values: the store hands out typed arrays, tests may pass plain arrays. */
export type Numbers = Float64Array | readonly number[];

/** The samples of one series in a range, and the range they were taken from. */
export interface RangeInput {
  times: Numbers;
  values: Numbers;
  /** Range bounds in ms (inclusive), offset applied. */
  startMs: number;
  endMs: number;
  rangeMs: number;
  /** Evaluation time (ms), which predict_linear predicts from. */
  evalMs: number;
}

/** Neumaier's compensated summation step: returns the new sum and compensation. */
export function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

/**
 * rate/increase/delta: the change over the sampled interval, corrected for counter resets and
 * extrapolated to the range boundaries (at most half a sample interval past the data, never
 * below a counter's zero point).
 */
export function extrapolatedRate(r: RangeInput, isCounter: boolean, isRate: boolean): number | undefined {
  const { times, values } = r;
  const n = times.length;
  if (n < 2) return undefined;
  const first = values[0]!;
  let result = values[n - 1]! - first;
  if (isCounter) {
    let prev = first;
    for (let i = 1; i < n; i++) {
      const cur = values[i]!;
      if (cur < prev) result += prev;
      prev = cur;
    }
  }
  let durationToStart = (times[0]! - r.startMs) / 1000;
  const durationToEnd = (r.endMs - times[n - 1]!) / 1000;
  const sampledInterval = (times[n - 1]! - times[0]!) / 1000;
  const averageDurationBetweenSamples = sampledInterval / (n - 1);
  if (isCounter && result > 0 && first >= 0) {
    const durationToZero = sampledInterval * (first / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
  let extrapolateToInterval = sampledInterval;
  extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
  extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
  let factor = extrapolateToInterval / sampledInterval;
  if (isRate) factor /= r.rangeMs / 1000;
  return result * factor;
}

/** irate/idelta: from the last two samples only. */
export function instantValue(r: RangeInput, isRate: boolean): number | undefined {
  const n = r.times.length;
  if (n < 2) return undefined;
  const last = r.values[n - 1]!;
  const previous = r.values[n - 2]!;
  const result = isRate && last < previous ? last : last - previous;
  const interval = r.times[n - 1]! - r.times[n - 2]!;
  if (interval === 0) return undefined;
  return isRate ? result / (interval / 1000) : result;
}

/** Least-squares slope and intercept of value over time (seconds from `interceptMs`). */
export function linearRegression(times: Numbers, values: Numbers, interceptMs: number): [number, number] {
  let n = 0;
  let sumX = 0, cX = 0, sumY = 0, cY = 0, sumXY = 0, cXY = 0, sumX2 = 0, cX2 = 0;
  const initY = values[0]!;
  let constY = true;
  for (let i = 0; i < times.length; i++) {
    const v = values[i]!;
    if (constY && i > 0 && v !== initY) constY = false;
    n += 1;
    const x = (times[i]! - interceptMs) / 1e3;
    [sumX, cX] = kahanSumInc(x, sumX, cX);
    [sumY, cY] = kahanSumInc(v, sumY, cY);
    [sumXY, cXY] = kahanSumInc(x * v, sumXY, cXY);
    [sumX2, cX2] = kahanSumInc(x * x, sumX2, cX2);
  }
  if (constY) return Number.isFinite(initY) || Number.isNaN(initY) ? [0, initY] : [Number.NaN, Number.NaN];
  sumX += cX;
  sumY += cY;
  sumXY += cXY;
  sumX2 += cX2;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  return [slope, sumY / n - (slope * sumX) / n];
}

/** deriv: the per-second slope of a gauge. */
export function deriv(r: RangeInput): number | undefined {
  if (r.times.length < 2) return undefined;
  return linearRegression(r.times, r.values, r.times[0]!)[0];
}

/** predict_linear: the regression line's value `seconds` after the evaluation time. */
export function predictLinear(r: RangeInput, seconds: number): number | undefined {
  if (r.times.length < 2) return undefined;
  const [slope, intercept] = linearRegression(r.times, r.values, r.evalMs);
  return slope * seconds + intercept;
}

/** changes: how often the value changed (NaN to NaN is no change). */
export function changes(r: RangeInput): number {
  let count = 0;
  for (let i = 1; i < r.values.length; i++) {
    const cur = r.values[i]!;
    const prev = r.values[i - 1]!;
    if (!(cur === prev || (Number.isNaN(cur) && Number.isNaN(prev)))) count++;
  }
  return count;
}

/** resets: how often a counter went down. */
export function resets(r: RangeInput): number {
  let count = 0;
  for (let i = 1; i < r.values.length; i++) if (r.values[i]! < r.values[i - 1]!) count++;
  return count;
}
