// Row shapes of the alert tables as pg returns them, and their conversion to memory form.
import type { CompiledAlertRule, Labels } from '../types.js';
import type { NotifiedState } from './dedup.js';
import type { StoredAlert } from './records.js';
import type { HistoryEntry, Silence, SilenceMatcher } from './types.js';

/** An `alerts` row (bigint as string, timestamptz as Date, jsonb parsed). */
export interface AlertRow {
  id: string;
  fingerprint: string;
  rule_key: string;
  rule_group: string;
  alertname: string;
  severity: CompiledAlertRule['severity'];
  labels: Labels;
  annotations: Labels;
  state: StoredAlert['state'];
  value: number | null;
  threshold_name: string | null;
  threshold_value: number | null;
  active_at: Date;
  fired_at: Date | null;
  keep_firing_since: Date | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  awaiting_clear: boolean;
  last_notified_at: Date | null;
  last_notified_state: NotifiedState | null;
  last_eval_at: Date;
}

const ms = (d: Date | null): number | undefined => (d ? d.getTime() : undefined);

/** An `alerts` row in memory form. */
export function fromAlertRow(r: AlertRow): StoredAlert {
  const stored: StoredAlert = {
    id: String(r.id),
    fingerprint: r.fingerprint,
    ruleKey: r.rule_key,
    group: r.rule_group,
    alertname: r.alertname,
    severity: r.severity,
    labels: r.labels,
    annotations: r.annotations,
    state: r.state,
    value: r.value ?? NaN,
    activeAtMs: r.active_at.getTime(),
    lastEvalAtMs: r.last_eval_at.getTime(),
    awaitingClear: r.awaiting_clear,
  };
  if (r.threshold_name !== null && r.threshold_value !== null) stored.threshold = { name: r.threshold_name, value: r.threshold_value };
  const optional = {
    firedAtMs: ms(r.fired_at),
    keepFiringSinceMs: ms(r.keep_firing_since),
    resolvedAtMs: ms(r.resolved_at),
    resolvedBy: r.resolved_by ?? undefined,
    lastNotifiedAtMs: ms(r.last_notified_at),
    lastNotifiedState: r.last_notified_state ?? undefined,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (stored as unknown as Record<string, unknown>)[k] = v;
  return stored;
}

/** An `alert_history` row. */
export interface HistoryRow {
  alert_id: string;
  fingerprint: string;
  alertname: string;
  severity: string;
  from_state: HistoryEntry['from'];
  to_state: HistoryEntry['to'];
  value: number | null;
  at: Date;
  actor: string | null;
}

/** A history row in API form. */
export function fromHistoryRow(r: HistoryRow): HistoryEntry {
  const value = r.value !== null && Number.isFinite(r.value) ? r.value : null;
  return {
    alertId: String(r.alert_id), fingerprint: r.fingerprint, alertname: r.alertname, severity: r.severity,
    from: r.from_state, to: r.to_state, value, at: r.at.toISOString(), actor: r.actor,
  };
}

/** A `silences` row. */
export interface SilenceRow {
  id: string;
  matchers: SilenceMatcher[];
  starts_at: Date;
  ends_at: Date;
  created_by: string;
  comment: string;
}

/** A silence row in API form. */
export function fromSilenceRow(r: SilenceRow): Silence {
  return {
    id: String(r.id), matchers: r.matchers, startsAt: r.starts_at.toISOString(), endsAt: r.ends_at.toISOString(),
    createdBy: r.created_by, comment: r.comment,
  };
}

/** A number as float8 accepts it (pg sends NaN and ±Infinity as text Postgres reads). */
export function float8(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return String(v);
}
