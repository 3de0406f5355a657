// Where alert state lives between evaluations and restarts. The Postgres store is the one the
// service runs on; the memory store serves tests and runs without a database.
import type { RulePlan } from './lifecycle.js';
import type { NotifiedState } from './dedup.js';
import type { StoredAlert } from './records.js';
import type { ActiveAlert, AlertFilter, AlertRecord, HistoryEntry, HistoryFilter, Silence, SilenceInput } from './types.js';

/** What a (new) leader starts from. */
export interface LoadedState {
  /** Open (pending or firing) alerts. */
  open: ActiveAlert[];
  /** Manually resolved alerts whose condition has not cleared since. */
  awaitingClear: Array<{ fingerprint: string; ruleKey: string }>;
  /** The last notification of open and recently notified alerts, to keep dedup across a restart. */
  notified: Array<{ fingerprint: string; state: NotifiedState; atMs: number }>;
}

/** A notification recorded against an alert. */
export interface NotifiedMark {
  id: string;
  state: NotifiedState;
  atMs: number;
  /** The annotations as sent, refreshed on every send. */
  annotations?: Record<string, string>;
}

/** Persistence of alerts, history and silences. */
export interface AlertStore {
  /** Reads the state an evaluator resumes from; `sinceMs` bounds the notifications read. */
  load(sinceMs: number): Promise<LoadedState>;
  /**
   * Persists one rule's plan atomically: inserts (setting each alert's `id`), updates, drops,
   * automatic resolutions, history and cleared flags. Returns the ids of open alerts the plan
   * updated or touched that were already resolved elsewhere (by hand, on another replica).
   */
  apply(plan: RulePlan, nowMs: number): Promise<Set<string>>;
  /** Records notifications sent. */
  markNotified(marks: NotifiedMark[]): Promise<void>;
  /**
   * Resolves an open alert by hand; it stays quiet until its condition clears. Returns the row
   * as it was before, or undefined when no open alert has `id`.
   */
  resolve(id: string, by: string, nowMs: number): Promise<StoredAlert | undefined>;
  /** Resolves open alerts whose rule is gone (automatic resolution, no actor). */
  resolveOrphans(alerts: ActiveAlert[], nowMs: number): Promise<void>;
  /** Lists alerts, newest first. */
  list(filter: AlertFilter): Promise<Omit<AlertRecord, 'silencedBy'>[]>;
  /** Lists transitions, newest first. */
  history(filter: HistoryFilter): Promise<HistoryEntry[]>;
  addSilence(input: Required<SilenceInput>): Promise<Silence>;
  /** Silences in force at `nowMs`, or not yet started. */
  silences(nowMs: number): Promise<Silence[]>;
  /** Ends a silence now; false when no such silence is in force. */
  expireSilence(id: string, nowMs: number): Promise<boolean>;
}
