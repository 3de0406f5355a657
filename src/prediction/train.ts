// Fitting: ridge regression on the features, judged on a held-out final week, then refitted
// on everything so the stored model has seen the latest data.
import { featureCount, writeFeatures, type FeatureSpec } from './features.js';
import { NormalEquations, solveRidge } from './linalg.js';
import { HOUR_MS } from './time.js';

/** Hourly training data of one city, in time order. */
export interface TrainingData {
  timestamps: number[];
  temperatures: number[];
  demand: number[];
}

/** Options of {@link fitModel}. */
export interface FitOptions {
  /** Final hours held out to measure MAPE. @defaultValue 168 (7 days) */
  holdoutHours?: number;
  /** Ridge penalty on every coefficient but the intercept. @defaultValue 1 */
  lambda?: number;
  /** Refit on all rows after measuring the holdout. @defaultValue true */
  refit?: boolean;
}

/** A fitted model. */
export interface FitResult {
  coefficients: Float64Array;
  /** Mean absolute percentage error on the holdout, in percent. */
  mape: number;
  trainingRows: number;
  holdoutRows: number;
}

/** Fits `spec` to `data`; throws when there are not more training rows than features. */
export function fitModel(spec: FeatureSpec, data: TrainingData, options: FitOptions = {}): FitResult {
  const { holdoutHours = 168, lambda = 1, refit = true } = options;
  const n = data.timestamps.length;
  if (data.temperatures.length !== n || data.demand.length !== n) {
    throw new RangeError(`training data: ${n} timestamps, ${data.temperatures.length} temperatures, ${data.demand.length} demand values`);
  }
  const p = featureCount(spec);
  const lastMs = data.timestamps[n - 1] ?? 0;
  const holdoutFrom = lastMs - (holdoutHours - 1) * HOUR_MS;
  let split = n;
  while (split > 0 && data.timestamps[split - 1]! >= holdoutFrom) split--;
  if (split <= p * 2) {
    throw new RangeError(`training data: ${split} rows before the ${holdoutHours} h holdout, need more than ${p * 2}`);
  }
  const row = new Float64Array(p);
  const fitOn = (end: number) => {
    const eq = new NormalEquations(p);
    for (let i = 0; i < end; i++) {
      writeFeatures(spec, data.timestamps[i]!, data.temperatures[i]!, row);
      eq.add(row, data.demand[i]!);
    }
    return solveRidge(eq, lambda);
  };
  const heldOut = fitOn(split);
  let errorSum = 0;
  let counted = 0;
  for (let i = split; i < n; i++) {
    const actual = data.demand[i]!;
    if (actual === 0) continue; // MAPE is undefined at zero demand
    writeFeatures(spec, data.timestamps[i]!, data.temperatures[i]!, row);
    let predicted = 0;
    for (let j = 0; j < p; j++) predicted += row[j]! * heldOut[j]!;
    errorSum += Math.abs((actual - predicted) / actual);
    counted++;
  }
  const mape = counted > 0 ? (100 * errorSum) / counted : Number.NaN;
  return { coefficients: refit ? fitOn(n) : heldOut, mape, trainingRows: refit ? n : split, holdoutRows: n - split };
}
