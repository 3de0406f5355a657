// One rule file: YAML syntax, schema, each rule's own consistency and its PromQL syntax. Checks
// that need every file (references, duplicates) are in merge.ts.
import { createHash } from 'node:crypto';
import { parseMatcher } from '../engine/matchers.js';
import type { RuleFileError } from '../types.js';
import { parseDuration } from './duration.js';
import { formatPath, issuesToErrors } from './issues.js';
import type { ParsedAlertRule, ParsedGroup, ParsedRecordRule, ParsedRuleFile, ParsedSlo } from './model.js';
import { checkPromql } from './promql.js';
import { alertRuleSchema, recordRuleSchema, ruleFileSchema, type RuleFileInput } from './schema.js';
import { lineAt, lineInScalar, parseYaml, type YamlSource } from './source.js';
import { THRESHOLD_TEMPLATE, WINDOW_TEMPLATE, withWindow } from './templates.js';

/** Result of parsing one file. */
export type ParseFileResult = { ok: true; file: ParsedRuleFile } | { ok: false; errors: RuleFileError[] };

/** Default evaluation interval of a group or SLO without one. */
export const DEFAULT_INTERVAL_MS = 30_000;

/** Parses and checks the rule file `file` with content `text`. */
export function parseRuleFile(file: string, text: string): ParseFileResult {
  const parsedYaml = parseYaml(file, text);
  if ('errors' in parsedYaml) return { ok: false, errors: parsedYaml.errors };
  const source = parsedYaml.source;
  const raw: unknown = source.doc.toJS() ?? {};
  const checked = ruleFileSchema.safeParse(raw);
  if (!checked.success) return { ok: false, errors: issuesToErrors(source, [], checked.error) };
  const input = checked.data;
  const errors: RuleFileError[] = [];
  const at = (path: PropertyKey[], reason: string) =>
    errors.push({ file, line: lineAt(source, path), reason: `${formatPath(path)}: ${reason}` });
  const promql = (path: PropertyKey[], expr: string, shown = expr) => {
    const problem = checkPromql(expr);
    if (problem) errors.push({ file, line: lineInScalar(source, path, shown, Math.min(problem.offset, shown.length)), reason: `${formatPath(path)}: ${problem.reason}` });
  };

  const groups = (input.groups ?? []).map((g, gi) => parseGroup(source, g, gi, errors, at, promql));
  const slos = (input.slos ?? []).map((s, si) => parseSlo(source, s, si, at, promql));
  const recommendationRefs: ParsedRuleFile['recommendationRefs'] = [];
  const recommendations = (input.recommendations ?? []).map((r, ri) => {
    if (r.when.expr !== undefined) promql(['recommendations', ri, 'when', 'expr'], r.when.expr);
    (r.when.alerts ?? []).forEach((alert, ai) =>
      recommendationRefs.push({ alert, file, line: lineAt(source, ['recommendations', ri, 'when', 'alerts', ai]) }),
    );
    const { when, ...fields } = r;
    return { ...fields, whenAlerts: when.alerts ?? [], whenExpr: when.expr, source: { file, line: lineAt(source, ['recommendations', ri]) } };
  });
  const inhibitRules = (input.inhibit_rules ?? []).map((r, ii) => {
    const list = (key: 'source_matchers' | 'target_matchers') =>
      r[key].flatMap((text, mi) => {
        try {
          return [parseMatcher(text)];
        } catch (err) {
          at(['inhibit_rules', ii, key, mi], (err as Error).message);
          return [];
        }
      });
    return { source: list('source_matchers'), target: list('target_matchers'), equal: r.equal ?? [] };
  });
  const thresholds = Object.entries(input.thresholds ?? {}).map(([name, t]) => ({
    name,
    ...t,
    source: { file, line: lineAt(source, ['thresholds', name]) },
  }));
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    file: {
      file,
      sha256: createHash('sha256').update(text).digest('hex'),
      version: input.version === undefined ? undefined : { value: input.version, line: lineAt(source, ['version']) },
      thresholds,
      groups,
      slos,
      recommendations,
      inhibitRules,
      recommendationRefs,
    },
  };
}

type At = (path: PropertyKey[], reason: string) => void;
type Promql = (path: PropertyKey[], expr: string, shown?: string) => void;
type GroupInput = NonNullable<RuleFileInput['groups']>[number];

function parseGroup(source: YamlSource, g: GroupInput, gi: number, errors: RuleFileError[], at: At, promql: Promql): ParsedGroup {
  const rules: ParsedGroup['rules'] = [];
  g.rules.forEach((rule, ri) => {
    const path = ['groups', gi, 'rules', ri];
    const isRecord = 'record' in rule;
    if (!isRecord && !('alert' in rule)) return at(path, 'a rule needs `alert` (alerting rule) or `record` (recording rule)');
    const parsed = (isRecord ? recordRuleSchema : alertRuleSchema).safeParse(rule);
    if (!parsed.success) return void errors.push(...issuesToErrors(source, path, parsed.error));
    promql([...path, 'expr'], parsed.data.expr);
    const ref = { file: source.file, line: lineAt(source, path) };
    if ('record' in parsed.data) {
      const r = parsed.data;
      rules.push({ kind: 'record', record: r.record, expr: r.expr, labels: r.labels ?? {}, source: ref } satisfies ParsedRecordRule);
      return;
    }
    const a = parsed.data;
    const usesThreshold = Object.values(a.annotations ?? {}).some((v) => THRESHOLD_TEMPLATE.test(v));
    if (a.threshold !== undefined && a.severity !== undefined) at([...path, 'severity'], 'give `threshold` (one rule per level) or `severity`, not both');
    if (a.threshold === undefined && a.severity === undefined) at(path, 'an alert needs `threshold: <name>` or `severity`');
    if (a.threshold === undefined && a.severities !== undefined) at([...path, 'severities'], '`severities` only applies with `threshold`');
    if (a.threshold === undefined && usesThreshold) at([...path, 'annotations'], '{{ $threshold }} is only known for rules with `threshold`');
    if (a.threshold !== undefined && a.labels?.severity !== undefined) at([...path, 'labels', 'severity'], 'the threshold levels set `severity`; remove this label');
    rules.push({
      kind: 'alert',
      name: a.alert,
      expr: a.expr,
      threshold: a.threshold === undefined ? undefined : { name: a.threshold, line: lineAt(source, [...path, 'threshold']) },
      levels: a.severities ?? ['warning', 'critical'],
      severity: a.severity,
      forMs: parseDuration(a.for ?? '0s') ?? 0,
      keepFiringForMs: parseDuration(a.keep_firing_for ?? '0s') ?? 0,
      labels: a.labels ?? {},
      annotations: a.annotations ?? {},
      source: ref,
    } satisfies ParsedAlertRule);
  });
  return {
    name: g.name,
    intervalMs: g.interval === undefined ? DEFAULT_INTERVAL_MS : parseDuration(g.interval)!,
    rules,
    source: { file: source.file, line: lineAt(source, ['groups', gi]) },
  };
}

function parseSlo(source: YamlSource, s: NonNullable<RuleFileInput['slos']>[number], si: number, at: At, promql: Promql): ParsedSlo {
  for (const key of ['errors', 'total'] as const) {
    const path = ['slos', si, 'sli', key];
    if (!WINDOW_TEMPLATE.test(s.sli[key])) at(path, 'the SLI needs {{ $window }} as its range, e.g. rate(x[{{ $window }}])');
    else promql(path, withWindow(s.sli[key], '5m'), s.sli[key]);
  }
  return {
    name: s.name,
    objective: s.objective,
    description: s.description,
    errors: s.sli.errors,
    total: s.sli.total,
    alert: s.alert,
    intervalMs: s.interval === undefined ? DEFAULT_INTERVAL_MS : parseDuration(s.interval)!,
    labels: s.labels ?? {},
    annotations: s.annotations ?? {},
    source: { file: source.file, line: lineAt(source, ['slos', si]) },
  };
}
