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
  times: Float64Array;
  values: Float64Array;
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

// Label sets are never mutated once made, so the name-less copy of each can be reused: the
// store's series labels are dropped by every rate() of every tick.
const withoutName = new WeakMap<Labels, Labels>();

/** `labels` without `__name__` (itself when it has none); the result must not be mutated. */
export function dropName(labels: Labels): Labels {
  if (!(METRIC_NAME in labels)) return labels;
  let rest = withoutName.get(labels);
  if (!rest) {
    rest = {};
    for (const k in labels) if (k !== METRIC_NAME) rest[k] = labels[k]!;
    withoutName.set(labels, rest);
  }
  return rest;
}

/**
 * Whether the samples carry more than one metric name: only then can dropping the names make
 * two label sets equal, so only then is the duplicate check worth its cost.
 */
export function mixesNames(labelSets: Iterable<{ labels: Labels }>): boolean {
  let first: string | undefined | null = null;
  for (const { labels } of labelSets) {
    const name = labels[METRIC_NAME];
    if (first === null) first = name;
    else if (name !== first) return true;
  }
  return false;
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

// Signatures memoised per label set and grouping: a tick groups the same (shared, name-less)
// label sets of the same series by the same few groupings in rule after rule, and a memoised
// signature is also already hashed when it is looked up in the grouping map.
const signatureMemos = new Map<string, WeakMap<Labels, string>>();

/** The signature function of a grouping: `on`/`by` the labels in `names`, else `ignoring`/`without` them. */
export function signer(names: readonly string[], on: boolean): (labels: Labels) => string {
  if (on && names.length === 0) return () => '';
  const id = `${on ? 'on' : 'without'}\xff${names.join('\xff')}`;
  let memo = signatureMemos.get(id);
  if (!memo) {
    // Groupings come from rule text, so they are few; many means generated queries: start over.
    if (signatureMemos.size >= 1_000) signatureMemos.clear();
    signatureMemos.set(id, (memo = new WeakMap()));
  }
  const known = memo;
  const compute = on ? signatureOn : signatureWithout;
  return (labels) => {
    let sig = known.get(labels);
    if (sig === undefined) known.set(labels, (sig = compute(labels, names)));
    return sig;
  };
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
