// The contracts between the parts of the rules service: the rule files as loaded, the rules
// as compiled for evaluation, the query sources, and the alert states. Each part (files,
// promql, engine, notify, api) is written against these types only.

/** Label set of a series or an alert. */
export type Labels = Record<string, string>;

/** One sample of an instant vector. */
export interface VectorSample {
  labels: Labels;
  value: number;
}

/**
 * Where expressions are evaluated: the Prometheus HTTP API (`PROMETHEUS_URL`) or the embedded
 * evaluator over scraped samples. `query` answers a PromQL instant query at `timeMs`.
 */
export interface QuerySource {
  readonly name: 'prometheus' | 'embedded';
  query(expr: string, timeMs: number): Promise<VectorSample[]>;
  /** Throws an error naming the construct when `expr` cannot be evaluated by this source. */
  check(expr: string): void;
  /**
   * What history the source holds, for a source that starts empty with its process (the
   * embedded evaluator); absent for one that keeps history across restarts (Prometheus).
   */
  coverage?(): SourceCoverage;
}

/** The samples a source holds: since when, and how far back it keeps them. */
export interface SourceCoverage {
  /** Time of the first sample this process holds; undefined before the first one. */
  sinceMs: number | undefined;
  retentionMs: number;
  /** How far back `expr` reads, `inherited` adding the window behind a selected metric (a recording rule's range). */
  readWindowMs(expr: string, inherited: (metric: string | undefined) => number): number;
}

/** Warning and critical levels of one tunable threshold; `direction` says which side is bad. */
export interface Threshold {
  name: string;
  warning: number;
  critical: number;
  direction: 'above' | 'below';
  unit?: string;
  description?: string;
}

/** A recording rule as compiled. */
export interface CompiledRecordingRule {
  kind: 'record';
  group: string;
  record: string;
  expr: string;
  labels: Labels;
}

/**
 * An alerting rule as compiled: a rule with a threshold becomes one compiled rule per severity,
 * its `expr` ending in the comparison against that severity's level (as exported to Prometheus).
 */
export interface CompiledAlertRule {
  kind: 'alert';
  group: string;
  /** Alert name, the `alertname` label. */
  name: string;
  severity: 'info' | 'warning' | 'critical';
  expr: string;
  forMs: number;
  keepFiringForMs: number;
  /** Labels added to every alert of the rule, `severity` included. */
  labels: Labels;
  /** Annotation templates (`{{ $value }}`, `{{ $labels.x }}`, `{{ $threshold }}` expanded at fire time). */
  annotations: Labels;
  /** The threshold and level the comparison uses, when the rule has one. */
  threshold?: { name: string; level: 'warning' | 'critical'; value: number };
  /** Where the rule is written, for error messages. */
  source: { file: string; line: number };
}

/** A recommendation as the performance API serves it (seed 003's fields). */
export interface RecommendationSpec {
  id: string;
  category: string;
  priority: 'low' | 'medium' | 'high' | 'critical';
  title: string;
  description: string;
  impact: string;
  effort: 'low' | 'medium' | 'high';
  implementation: string;
  /** Shown while one of these alerts fires. */
  whenAlerts: string[];
  /** Or shown while this expression returns any series (e.g. a trend from `deriv`/`predict_linear`). */
  whenExpr?: string;
  source: { file: string; line: number };
}

/** Evaluation groups with their interval. */
export interface CompiledGroup {
  name: string;
  intervalMs: number;
  rules: Array<CompiledAlertRule | CompiledRecordingRule>;
}

/** Everything the service runs, compiled from the rule files and the current thresholds. */
/** One label matcher, as Alertmanager's (`name="value"`, `!=`, `=~`, `!~`). */
export interface LabelMatcher {
  name: string;
  value: string;
  isRegex?: boolean;
  /** False negates the match. */
  isEqual?: boolean;
}

/**
 * Alertmanager's inhibit rule: while an alert matching every `source` matcher fires, alerts
 * matching every `target` matcher and agreeing with it on the `equal` labels are not notified.
 */
export interface InhibitRule {
  source: LabelMatcher[];
  target: LabelMatcher[];
  equal: string[];
}

export interface CompiledRuleSet {
  version: string;
  groups: CompiledGroup[];
  thresholds: Threshold[];
  recommendations: RecommendationSpec[];
  /** Inhibit rules of the files (absent: none). */
  inhibitRules?: InhibitRule[];
  /** Files and their content hashes, to tell a change from a touch. */
  files: Array<{ path: string; sha256: string }>;
}

/** A rule file problem: the file, the line (1-based) and the reason. */
export interface RuleFileError {
  file: string;
  line: number;
  column?: number;
  reason: string;
}

/** Alert states as Prometheus defines them, plus `resolved` for history. */
export type AlertState = 'inactive' | 'pending' | 'firing' | 'resolved';
