// The model's inputs: an intercept, Fourier terms of the local daily and weekly cycles, and
// heating/cooling degrees. A model row stores its FeatureSpec, so inference rebuilds exactly
// the features the coefficients were fitted on.
import { hourOfDay, hourOfWeek } from './time.js';

/**
 * Degree-day bases of a new model, °C: demand rises for heating below the first and for
 * cooling above the second. The model's own assumption (a stored model keeps the values it was
 * fitted with), not read from the seed generator, whose ground truth the model is tested to recover.
 */
export const HEATING_BASE_C = 16;
export const COOLING_BASE_C = 22;

/** How features are built; stored with each model. */
export interface FeatureSpec {
  /** Daily harmonics 1..n (sin and cos each). */
  dailyHarmonics: number;
  /** Weekly harmonics 1..n. */
  weeklyHarmonics: number;
  /** Heating degrees = max(0, heatingBaseC − T). */
  heatingBaseC: number;
  /** Cooling degrees = max(0, T − coolingBaseC). */
  coolingBaseC: number;
  /** The city's UTC offset, so cycles follow local time. */
  utcOffsetHours: number;
}

/** The feature spec of a new model for a city at `utcOffsetHours`. */
export function defaultFeatureSpec(utcOffsetHours: number): FeatureSpec {
  return { dailyHarmonics: 3, weeklyHarmonics: 2, heatingBaseC: HEATING_BASE_C, coolingBaseC: COOLING_BASE_C, utcOffsetHours };
}

/** Number of features (columns, intercept included) that `spec` produces. */
export function featureCount(spec: FeatureSpec): number {
  return 1 + 2 * spec.dailyHarmonics + 2 * spec.weeklyHarmonics + 2;
}

/** Human-readable column names, in column order (for inspection and tests). */
export function featureNames(spec: FeatureSpec): string[] {
  const names = ['intercept'];
  for (let k = 1; k <= spec.dailyHarmonics; k++) names.push(`daily_sin_${k}`, `daily_cos_${k}`);
  for (let k = 1; k <= spec.weeklyHarmonics; k++) names.push(`weekly_sin_${k}`, `weekly_cos_${k}`);
  names.push('heating_degrees', 'cooling_degrees');
  return names;
}

/** Writes the features of one hour into `out` from index `at`; returns the index after them. */
export function writeFeatures(spec: FeatureSpec, ms: number, temperatureC: number, out: Float64Array, at = 0): number {
  let i = at;
  out[i++] = 1;
  const day = (2 * Math.PI * hourOfDay(ms, spec.utcOffsetHours)) / 24;
  for (let k = 1; k <= spec.dailyHarmonics; k++) {
    out[i++] = Math.sin(k * day);
    out[i++] = Math.cos(k * day);
  }
  const week = (2 * Math.PI * hourOfWeek(ms, spec.utcOffsetHours)) / 168;
  for (let k = 1; k <= spec.weeklyHarmonics; k++) {
    out[i++] = Math.sin(k * week);
    out[i++] = Math.cos(k * week);
  }
  out[i++] = Math.max(0, spec.heatingBaseC - temperatureC);
  out[i++] = Math.max(0, temperatureC - spec.coolingBaseC);
  return i;
}

/** Checks a spec read from storage or given by a caller; throws naming the bad field. */
export function assertFeatureSpec(spec: FeatureSpec): void {
  for (const key of ['dailyHarmonics', 'weeklyHarmonics'] as const) {
    if (!Number.isInteger(spec[key]) || spec[key] < 0 || spec[key] > 12) {
      throw new RangeError(`feature spec: ${key} must be an integer in 0..12, got ${spec[key]}`);
    }
  }
  for (const key of ['heatingBaseC', 'coolingBaseC', 'utcOffsetHours'] as const) {
    if (!Number.isFinite(spec[key])) throw new RangeError(`feature spec: ${key} must be a finite number, got ${spec[key]}`);
  }
}
