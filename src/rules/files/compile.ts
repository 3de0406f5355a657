// Parsed rule files + current thresholds → the CompiledRuleSet the engine runs and the exporters
// write. Cheap and pure, so a threshold change at runtime simply compiles again.
import type { CompiledAlertRule, CompiledGroup, CompiledRecordingRule, CompiledRuleSet, RuleFileError, Threshold } from '../types.js';
import type { ParsedAlertRule, ParsedRuleFiles } from './model.js';
import { compileSlo } from './slo.js';
import { formatNumber, withThreshold } from './templates.js';

/** Result of {@link compileRuleSet} (and of loading). */
export type CompileResult = { ok: true; ruleSet: CompiledRuleSet } | { ok: false; errors: RuleFileError[] };

/** The comparison operator of a threshold direction. */
export function thresholdOperator(direction: Threshold['direction']): '>' | '<' {
  return direction === 'above' ? '>' : '<';
}

/**
 * Compiles `parsed` with `thresholds` (the files' values with runtime overrides applied): a
 * threshold rule becomes one rule per level, `(<expr>) > <level>` (or `<` for `below`).
 */
export function compileRuleSet(parsed: ParsedRuleFiles, thresholds: readonly Threshold[]): CompileResult {
  const byName = new Map(thresholds.map((t) => [t.name, t]));
  const errors: RuleFileError[] = [];
  const groups: CompiledGroup[] = parsed.groups.map((g) => ({
    name: g.name,
    intervalMs: g.intervalMs,
    rules: g.rules.flatMap((r): Array<CompiledAlertRule | CompiledRecordingRule> => {
      if (r.kind === 'record') return [{ kind: 'record' as const, group: g.name, record: r.record, expr: r.expr.trim(), labels: { ...r.labels } }];
      if (!r.threshold) return [plainAlert(g.name, r)];
      const t = byName.get(r.threshold.name);
      if (!t) {
        errors.push({ file: r.source.file, line: r.threshold.line, reason: `alert "${r.name}": unknown threshold "${r.threshold.name}"` });
        return [];
      }
      return r.levels.map((level) => thresholdAlert(g.name, r, t, level));
    }),
  }));
  groups.push(...parsed.slos.map(compileSlo));
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    ruleSet: {
      version: parsed.version,
      groups,
      thresholds: thresholds.map((t) => ({ ...t })),
      recommendations: parsed.recommendations.map((r) => ({ ...r, whenAlerts: [...r.whenAlerts] })),
      inhibitRules: parsed.inhibitRules.map((r) => ({ source: [...r.source], target: [...r.target], equal: [...r.equal] })),
      files: parsed.files.map((f) => ({ ...f })),
    },
  };
}

function plainAlert(group: string, r: ParsedAlertRule): CompiledAlertRule {
  const severity = r.severity ?? 'warning';
  return {
    kind: 'alert',
    group,
    name: r.name,
    severity,
    expr: r.expr.trim(),
    forMs: r.forMs,
    keepFiringForMs: r.keepFiringForMs,
    labels: { ...r.labels, severity },
    annotations: { ...r.annotations },
    source: r.source,
  };
}

function thresholdAlert(group: string, r: ParsedAlertRule, t: Threshold, level: 'warning' | 'critical'): CompiledAlertRule {
  const value = t[level];
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.annotations)) annotations[k] = withThreshold(v, value);
  return {
    kind: 'alert',
    group,
    name: r.name,
    severity: level,
    expr: `(${r.expr.trim()}) ${thresholdOperator(t.direction)} ${formatNumber(value)}`,
    forMs: r.forMs,
    keepFiringForMs: r.keepFiringForMs,
    labels: { ...r.labels, severity: level },
    annotations,
    threshold: { name: t.name, level, value },
    source: r.source,
  };
}
