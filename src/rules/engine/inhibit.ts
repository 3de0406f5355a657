// Inhibition as Alertmanager does it, for the embedded rules service (with Prometheus and
// Alertmanager, alertmanager.yml holds the same rules): while a source alert fires, matching
// target alerts that agree with it on the `equal` labels stay listed but are not notified.
import type { InhibitRule, Labels } from '../types.js';
import { matches } from './matchers.js';

/** What inhibition reads of an alert. */
export interface InhibitingAlert {
  id: string;
  fingerprint: string;
  labels: Labels;
}

/** Ids of the firing alerts in `firing` that inhibit an alert with `labels` (not itself). */
export function inhibitedBy(rules: readonly InhibitRule[], firing: readonly InhibitingAlert[], target: { fingerprint: string; labels: Labels }): string[] {
  const by: string[] = [];
  for (const rule of rules) {
    if (!rule.target.every((m) => matches(m, target.labels))) continue;
    for (const source of firing) {
      if (source.fingerprint === target.fingerprint || by.includes(source.id)) continue;
      if (!rule.source.every((m) => matches(m, source.labels))) continue;
      // Alertmanager: equal labels must have the same value, a label missing on both counts as equal.
      if (rule.equal.every((l) => (source.labels[l] ?? '') === (target.labels[l] ?? ''))) by.push(source.id);
    }
  }
  return by;
}
