// Label-set helpers shared by the store and the evaluator: a canonical key and the ordering
// Prometheus's storage returns series in (which fixes the order of float sums).
import type { Labels } from '../types.js';

/** The metric name label. */
export const METRIC_NAME = '__name__';

/** A canonical string for a label set: sorted names and values, separated by bytes no label holds. */
export function labelsKey(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let key = '';
  for (const name of names) key += `${name}\xff${labels[name]}\xfe`;
  return key;
}

/**
 * Compares two label sets as Prometheus's `labels.Compare` does: pairwise over the sorted
 * names, name first then value; a prefix sorts first.
 */
export function compareLabels(a: Labels, b: Labels): number {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  const n = Math.min(an.length, bn.length);
  for (let i = 0; i < n; i++) {
    const x = an[i]!;
    const y = bn[i]!;
    if (x !== y) return x < y ? -1 : 1;
    const xv = a[x]!;
    const yv = b[y]!;
    if (xv !== yv) return xv < yv ? -1 : 1;
  }
  return an.length - bn.length;
}

/** Renders a label set as `name{a="b"}` for messages. */
export function formatLabels(labels: Labels): string {
  const name = labels[METRIC_NAME] ?? '';
  const rest = Object.keys(labels)
    .filter((k) => k !== METRIC_NAME)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `${name}{${rest.join(', ')}}`;
}
