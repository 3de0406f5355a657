// One stored alert row in memory form, and its conversions to what the evaluator and the API use.
import type { NotifiedState } from './dedup.js';
import type { ActiveAlert, AlertRecord } from './types.js';

/** An alert row: an open alert plus resolution and notification bookkeeping. */
export interface StoredAlert extends Omit<ActiveAlert, 'state'> {
  state: 'pending' | 'firing' | 'resolved';
  resolvedAtMs?: number;
  resolvedBy?: string;
  awaitingClear: boolean;
  lastNotifiedAtMs?: number;
  lastNotifiedState?: NotifiedState;
}

const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());

/** The API form of a stored alert (silences are added by the service). */
export function toRecord(s: StoredAlert): Omit<AlertRecord, 'silencedBy'> {
  return {
    id: s.id,
    fingerprint: s.fingerprint,
    alertname: s.alertname,
    group: s.group,
    severity: s.severity,
    labels: s.labels,
    annotations: s.annotations,
    state: s.state,
    value: Number.isFinite(s.value) ? s.value : null,
    threshold: s.threshold ?? null,
    activeAt: new Date(s.activeAtMs).toISOString(),
    firedAt: iso(s.firedAtMs),
    resolvedAt: iso(s.resolvedAtMs),
    resolvedBy: s.resolvedBy ?? null,
    lastNotifiedAt: iso(s.lastNotifiedAtMs),
    lastEvalAt: new Date(s.lastEvalAtMs).toISOString(),
  };
}

/** The evaluator's form of an open stored alert. */
export function toActive(s: StoredAlert): ActiveAlert {
  if (s.state === 'resolved') throw new Error(`alert ${s.id} is resolved, not open`);
  const { resolvedAtMs: _r, resolvedBy: _b, awaitingClear: _a, lastNotifiedAtMs: _n, lastNotifiedState: _s, ...open } = s;
  return { ...open, state: s.state };
}
