// The rule files as parsed and checked, before thresholds are applied: what `compileRuleSet`
// turns into a CompiledRuleSet, again whenever a threshold is tuned at runtime.
import type { InhibitRule, Labels, RecommendationSpec, Threshold } from '../types.js';

/** Where a thing is written. */
export interface SourceRef {
  file: string;
  line: number;
}

/** The two levels a threshold rule compiles to. */
export type ThresholdLevel = 'warning' | 'critical';

/** An alerting rule as written. */
export interface ParsedAlertRule {
  kind: 'alert';
  name: string;
  expr: string;
  /** The threshold compared against, with the line of the reference. */
  threshold?: { name: string; line: number };
  /** Levels to compile for a threshold rule (both by default). */
  levels: ThresholdLevel[];
  /** The severity of a rule without a threshold. */
  severity?: 'info' | 'warning' | 'critical';
  forMs: number;
  keepFiringForMs: number;
  labels: Labels;
  annotations: Labels;
  source: SourceRef;
}

/** A recording rule as written. */
export interface ParsedRecordRule {
  kind: 'record';
  record: string;
  expr: string;
  labels: Labels;
  source: SourceRef;
}

/** An evaluation group as written. */
export interface ParsedGroup {
  name: string;
  intervalMs: number;
  rules: Array<ParsedAlertRule | ParsedRecordRule>;
  source: SourceRef;
}

/** An SLO as written; its SLI expressions hold `{{ $window }}` where the range goes. */
export interface ParsedSlo {
  name: string;
  /** Percent of good events, e.g. 99.9. */
  objective: number;
  description?: string;
  errors: string;
  total: string;
  alert: string;
  intervalMs: number;
  labels: Labels;
  annotations: Labels;
  source: SourceRef;
}

/** A threshold with where it is defined. */
export interface ParsedThreshold extends Threshold {
  source: SourceRef;
}

/** One file's content after its own checks. */
export interface ParsedRuleFile {
  file: string;
  sha256: string;
  version?: { value: string; line: number };
  thresholds: ParsedThreshold[];
  groups: ParsedGroup[];
  slos: ParsedSlo[];
  recommendations: RecommendationSpec[];
  inhibitRules: InhibitRule[];
  /** Lines of each `when.alerts` entry, to report an unknown alert where it is named. */
  recommendationRefs: Array<{ alert: string; file: string; line: number }>;
}

/** All files merged and cross-checked: the input of `compileRuleSet`. */
export interface ParsedRuleFiles {
  version: string;
  files: Array<{ path: string; sha256: string }>;
  /** Thresholds as the files define them (before runtime overrides). */
  thresholds: ParsedThreshold[];
  groups: ParsedGroup[];
  slos: ParsedSlo[];
  recommendations: RecommendationSpec[];
  inhibitRules: InhibitRule[];
}
