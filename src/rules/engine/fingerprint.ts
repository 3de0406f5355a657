// Alert identity: the label set an instance carries and its stable fingerprint.
import crypto from 'node:crypto';
import type { CompiledAlertRule, CompiledGroup, Labels } from '../types.js';

/** sha1 (hex) of the label set in sorted order; independent of insertion order. */
export function fingerprint(labels: Labels): string {
  // JSON of the sorted pairs: quoting makes the encoding unambiguous whatever the values hold.
  const pairs = Object.keys(labels).sort().map((name) => [name, labels[name]]);
  return crypto.createHash('sha1').update(JSON.stringify(pairs)).digest('hex');
}

/**
 * The labels of the alert a series raises, as Prometheus builds them: the series labels without
 * `__name__`, then the rule's labels (they win), then `alertname`.
 */
export function alertLabels(rule: CompiledAlertRule, series: Labels, ruleLabels: Labels = rule.labels): Labels {
  const labels: Labels = {};
  for (const [k, v] of Object.entries(series)) if (k !== '__name__') labels[k] = v;
  Object.assign(labels, ruleLabels);
  labels.alertname = rule.name;
  if (!labels.severity) labels.severity = rule.severity;
  return labels;
}

/**
 * A key per alert rule of a group: group, name, severity and an ordinal among rules sharing
 * those three. Stable across a threshold change (only the expression moves), so alerts survive it.
 */
export function ruleKeys(group: CompiledGroup): Map<CompiledAlertRule, string> {
  const keys = new Map<CompiledAlertRule, string>();
  const seen = new Map<string, number>();
  for (const rule of group.rules) {
    if (rule.kind !== 'alert') continue;
    const base = `${group.name}\u001f${rule.name}\u001f${rule.severity}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    keys.set(rule, `${base}\u001f${n}`);
  }
  return keys;
}
