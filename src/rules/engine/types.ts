// What the engine keeps and serves: open alert instances, alert records as listed, history
// entries and silences.
import type { AlertState, CompiledAlertRule, Labels } from '../types.js';

/** An open (pending or firing) alert instance as the evaluator holds it. */
export interface ActiveAlert {
  /** Database id, as a string (bigint). */
  id: string;
  fingerprint: string;
  /** The owning compiled rule, see {@link ruleKeys}. */
  ruleKey: string;
  group: string;
  alertname: string;
  severity: CompiledAlertRule['severity'];
  labels: Labels;
  annotations: Labels;
  state: 'pending' | 'firing';
  value: number;
  activeAtMs: number;
  firedAtMs?: number;
  /** Set while keep_firing_for holds a firing alert whose condition stopped. */
  keepFiringSinceMs?: number;
  lastEvalAtMs: number;
  threshold?: { name: string; value: number };
}

/** An alert as `alerts()` lists it (open or resolved). */
export interface AlertRecord {
  id: string;
  fingerprint: string;
  alertname: string;
  group: string;
  severity: CompiledAlertRule['severity'];
  labels: Labels;
  annotations: Labels;
  state: Exclude<AlertState, 'inactive'>;
  value: number | null;
  threshold: { name: string; value: number } | null;
  activeAt: string;
  firedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  lastNotifiedAt: string | null;
  lastEvalAt: string;
  /** Ids of the active silences matching the alert's labels. */
  silencedBy: string[];
  /** Ids of the firing alerts that inhibit it (the rule files' inhibit rules). */
  inhibitedBy?: string[];
}

/** Filter of `alerts()`. */
export interface AlertFilter {
  /** `inactive` lists nothing: inactive alerts are not stored (as in Prometheus). */
  state?: AlertState;
  severity?: CompiledAlertRule['severity'];
  /** @defaultValue 500 */
  limit?: number;
}

/** One state change of an alert instance. */
export interface HistoryEntry {
  alertId: string;
  fingerprint: string;
  alertname: string;
  severity: string;
  from: AlertState;
  to: AlertState;
  value: number | null;
  at: string;
  /** Who made the change by hand; null for the evaluator. */
  actor: string | null;
}

/** Filter of `history()`. */
export interface HistoryFilter {
  alertId?: string;
  alertname?: string;
  /** Entries at or after this time (ms). */
  sinceMs?: number;
  /** @defaultValue 500 */
  limit?: number;
}

/** One label matcher of a silence, as Alertmanager's. */
export interface SilenceMatcher {
  name: string;
  value: string;
  /** @defaultValue false */
  isRegex?: boolean;
  /** False negates the match. @defaultValue true */
  isEqual?: boolean;
}

/** A silence: matching alerts are tracked but not notified until `endsAt`. */
export interface Silence {
  id: string;
  matchers: SilenceMatcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

/** What `silence()` takes. */
export interface SilenceInput {
  matchers: SilenceMatcher[];
  /** End of the silence (ms since epoch). */
  untilMs: number;
  /** @defaultValue now */
  startsAtMs?: number;
  createdBy: string;
  /** @defaultValue '' */
  comment?: string;
}
