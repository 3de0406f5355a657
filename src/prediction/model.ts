// A loaded model and the batched inference call: every row of every item in one pass.
import { assertFeatureSpec, featureCount, writeFeatures, type FeatureSpec } from './features.js';

/** The model family, used as the `model_name` metric label. */
export const MODEL_NAME = 'energy_demand_ridge';
/** The `algorithm` stored with each model. */
export const ALGORITHM = 'ridge_fourier_degree_days';

/** A model ready for inference. */
export interface LoadedModel {
  city: string;
  version: number;
  coefficients: Float64Array;
  spec: FeatureSpec;
  /** Holdout MAPE in percent. */
  mape: number;
  trainedAt: Date;
}

/** One unit of work of {@link inferBatch}: a model and the hours to predict. */
export interface InferenceItem {
  model: LoadedModel;
  /** Epoch milliseconds of each hour. */
  timestamps: number[];
  /** Temperature (°C) at each of those hours. */
  temperatures: number[];
}

/** Checks that `model` is usable: a valid spec and one coefficient per feature. */
export function assertModel(model: LoadedModel): void {
  assertFeatureSpec(model.spec);
  const expected = featureCount(model.spec);
  if (model.coefficients.length !== expected) {
    throw new RangeError(`model ${model.city} v${model.version}: ${model.coefficients.length} coefficients for ${expected} features`);
  }
}

/**
 * Predicts demand (MW) for every item; result `i` holds one value per timestamp of item `i`.
 * All rows share one output buffer and one feature buffer, so a batch of many small requests
 * costs one allocation pass instead of one per request.
 */
export function inferBatch(items: InferenceItem[]): number[][] {
  let total = 0;
  let widest = 0;
  for (const [index, item] of items.entries()) {
    if (item.timestamps.length !== item.temperatures.length) {
      throw new RangeError(`inference item ${index}: ${item.timestamps.length} timestamps but ${item.temperatures.length} temperatures`);
    }
    assertModel(item.model);
    total += item.timestamps.length;
    widest = Math.max(widest, item.model.coefficients.length);
  }
  const out = new Float64Array(total);
  const row = new Float64Array(widest);
  let r = 0;
  for (const { model, timestamps, temperatures } of items) {
    const beta = model.coefficients;
    const p = beta.length;
    for (let i = 0; i < timestamps.length; i++) {
      writeFeatures(model.spec, timestamps[i]!, temperatures[i]!, row);
      let y = 0;
      for (let j = 0; j < p; j++) y += row[j]! * beta[j]!;
      out[r++] = y;
    }
  }
  const results: number[][] = [];
  let start = 0;
  for (const item of items) {
    const end = start + item.timestamps.length;
    results.push(Array.from(out.subarray(start, end)));
    start = end;
  }
  return results;
}

/** Predictions of one model (a batch of one). */
export function predict(model: LoadedModel, timestamps: number[], temperatures: number[]): number[] {
  return inferBatch([{ model, timestamps, temperatures }])[0]!;
}
