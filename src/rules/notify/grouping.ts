// Alertmanager-style grouping of a batch: by a list of label names, with the labels and
// annotations every alert of a group shares.
import type { Labels } from '../types.js';
import type { AlertNotification } from './types.js';

/** Alerts sharing the values of the group-by labels. */
export interface AlertGroup {
  groupLabels: Labels;
  alerts: AlertNotification[];
}

/** Splits `alerts` by the values of `groupBy`, in first-seen order. */
export function groupAlerts(alerts: AlertNotification[], groupBy: string[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const alert of alerts) {
    const groupLabels: Labels = {};
    for (const name of groupBy) if (alert.labels[name] !== undefined) groupLabels[name] = alert.labels[name]!;
    const key = JSON.stringify(Object.entries(groupLabels).sort());
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { groupLabels, alerts: [] }));
    group.alerts.push(alert);
  }
  return [...groups.values()];
}

/** The pairs every map in `all` has with the same value. */
export function common(all: Labels[]): Labels {
  const [first, ...rest] = all;
  const out: Labels = {};
  if (!first) return out;
  for (const [k, v] of Object.entries(first)) if (rest.every((m) => m[k] === v)) out[k] = v;
  return out;
}

/** Alertmanager's group key: the route (`{}`, the root) and the group labels. */
export function groupKey(groupLabels: Labels): string {
  const pairs = Object.keys(groupLabels).sort().map((k) => `${k}=${JSON.stringify(groupLabels[k])}`);
  return `{}:{${pairs.join(', ')}}`;
}
