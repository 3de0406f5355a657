// Alerts as the API lists them: the stored records with, for each open one, the silences that
// mute it and the firing alerts that inhibit it (the same rules the notifier applies).
import { inhibitedBy } from './inhibit.js';
import { silencedBy } from './silences.js';
import type { AlertStore } from './store.js';
import type { AlertFilter, AlertRecord } from './types.js';
import type { InhibitRule } from '../types.js';

/** The alerts matching `filter`, newest first, each with `silencedBy` and `inhibitedBy`. */
export async function listAlerts(store: AlertStore, inhibit: readonly InhibitRule[], filter: AlertFilter, nowMs: number): Promise<AlertRecord[]> {
  const [rows, silences, firing] = await Promise.all([
    store.list(filter),
    store.silences(nowMs),
    inhibit.length && filter.state !== 'firing' ? store.list({ state: 'firing' }) : undefined,
  ]);
  const sources = firing ?? rows.filter((r) => r.state === 'firing');
  return rows.map((r) => ({
    ...r,
    silencedBy: r.state === 'resolved' ? [] : silencedBy(silences, r.labels, nowMs),
    inhibitedBy: r.state === 'firing' && inhibit.length ? inhibitedBy(inhibit, sources, r) : [],
  }));
}
