// The rules service as the HTTP layer shows it: the views (alert, recommendation) and the one
// narrow interface the performance API reads, so its routes do not depend on how rules are
// loaded, evaluated or stored. The rules package owns them, as vmalert's rule package owns its
// web views; api/ imports them, never the other way round.
import type { Silence, SilenceMatcher } from './engine/types.js';
import type { AlertState, RecommendationSpec, Threshold } from './types.js';

export type { Silence, SilenceMatcher };

/** An alert as the API shows it (seed 003's fields plus the lifecycle). */
export interface AlertView {
  id: string;
  alertname: string;
  /** The rule's severity: info, warning or critical. */
  severity: string;
  /** The same on seed 003's scale (low, high, critical; see src/rules/severity.ts). */
  severity_level: string | null;
  state: AlertState;
  message: string;
  metric_name: string | null;
  threshold: number | null;
  current_value: number | null;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  active_at: string | null;
  fired_at: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  timestamp: string;
  /** Ids of the silences that keep the alert from being notified. */
  silenced_by: string[];
  /** Ids of the firing alerts that inhibit it: listed, not notified. */
  inhibited_by: string[];
  /** The slowest trace of the alert's route in its window, when the trace store has one. */
  example_traces?: Array<{ traceId: string; durationMs: number; url: string }>;
}

/** A recommendation currently in force. */
export type RecommendationView = Omit<RecommendationSpec, 'whenAlerts' | 'whenExpr' | 'source'> & {
  created_at: string;
  reason: string;
};

/** A threshold update: per name, the levels to change. */
export type ThresholdPatch = Record<string, { warning?: number; critical?: number }>;

/** A new silence. */
export interface SilenceRequest {
  matchers: SilenceMatcher[];
  /** @defaultValue now */
  startsAtMs?: number;
  endsAtMs: number;
  createdBy: string;
  comment: string;
}

/** The rules service as the performance API sees it. */
export interface RulesFacade {
  alerts(filter: { state?: AlertState; severity?: string }): Promise<AlertView[]>;
  /** Resolves an alert by id; undefined when there is no such active alert. */
  resolve(id: string, by: string): Promise<AlertView | undefined>;
  thresholds(): Threshold[];
  /** Validates, persists and applies; throws ThresholdError naming the field on bad input. */
  updateThresholds(patch: ThresholdPatch, by: string): Promise<Threshold[]>;
  recommendations(): Promise<RecommendationView[]>;
  /** Silences in force or scheduled. */
  silences(): Promise<Silence[]>;
  /** Adds a silence; throws SilenceError naming what is wrong. */
  silence(request: SilenceRequest): Promise<Silence>;
  /** Ends a silence now; false when none with `id` is in force. */
  expireSilence(id: string): Promise<boolean>;
  status(): { source: string; leader: boolean; rules_loaded: number; version: string; last_reload_error: string | null };
}
