// The values an expression evaluates to, and label helpers the operators share.
import type { Labels, VectorSample } from '../types.js';
import { labelsKey, METRIC_NAME } from '../scrape/labels.js';

/** A scalar. */
export interface ScalarValue {
  type: 'scalar';
  value: number;
}

/** An instant vector; labels carry `__name__` where it was not dropped. */
export interface VectorValue {
  type: 'vector';
  samples: VectorSample[];
}

/** The samples of one series inside a range, oldest first, staleness markers removed. */
export interface RangeSeries {
  labels: Labels;
  times: number[];
  values: number[];
}

/** A range vector. */
export interface MatrixValue {
  type: 'matrix';
  series: RangeSeries[];
  /** Range bounds (ms, inclusive) the samples were taken from: extrapolation needs them. */
  startMs: number;
  endMs: number;
  rangeMs: number;
}

/** A string (function arguments only). */
export interface StringValue {
  type: 'string';
  value: string;
}

/** Any value. */
export type Value = ScalarValue | VectorValue | MatrixValue | StringValue;

/** A copy of `labels` without `__name__` (returns `labels` itself when it has none). */
export function dropName(labels: Labels): Labels {
  if (!(METRIC_NAME in labels)) return labels;
  const { [METRIC_NAME]: _name, ...rest } = labels;
  return rest;
}

/**
 * Throws as Prometheus does when an operation's result holds two samples with one label set,
 * e.g. `rate({__name__=~"a|b"}[5m])` once the names are dropped.
 */
export function assertUniqueLabelsets(samples: readonly VectorSample[]): void {
  if (samples.length < 2) return;
  const seen = new Set<string>();
  for (const s of samples) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) throw new Error('vector cannot contain metrics with the same labelset');
    seen.add(key);
  }
}

/** Signature of the labels named in `names` (absent = ""), for `on(...)` and `by(...)`. */
export function signatureOn(labels: Labels, names: readonly string[]): string {
  let sig = '';
  for (const n of names) sig += `${labels[n] ?? ''}\xff`;
  return sig;
}

/** Signature of every label except `names` and `__name__`, for `ignoring(...)` and `without(...)`. */
export function signatureWithout(labels: Labels, names: readonly string[]): string {
  let sig = '';
  for (const n of Object.keys(labels).sort()) {
    if (n === METRIC_NAME || names.includes(n)) continue;
    sig += `${n}\xff${labels[n]}\xfe`;
  }
  return sig;
}
