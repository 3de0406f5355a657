// Checks across all rule files: one version, unique names, and every reference (threshold of a
// rule, alert of a recommendation) resolving to something defined.
import type { RuleFileError } from '../types.js';
import type { ParsedRuleFile, ParsedRuleFiles, SourceRef } from './model.js';
import { sloGroupName } from './slo.js';
import { levelProblem } from './thresholds.js';

/** Merges the files (in the given order) or returns every cross-file problem. */
export function mergeRuleFiles(files: ParsedRuleFile[]): { ok: true; parsed: ParsedRuleFiles } | { ok: false; errors: RuleFileError[] } {
  const errors: RuleFileError[] = [];
  const err = (ref: SourceRef, reason: string) => errors.push({ file: ref.file, line: ref.line, reason });
  const unique = (kind: string) => {
    const seen = new Map<string, SourceRef>();
    return (name: string, ref: SourceRef) => {
      const first = seen.get(name);
      if (first) err(ref, `duplicate ${kind} "${name}" (first defined at ${first.file}:${first.line})`);
      else seen.set(name, ref);
    };
  };

  const versions = files.flatMap((f) => (f.version ? [{ ...f.version, file: f.file }] : []));
  const version = versions[0];
  if (!version) err({ file: files[0]?.file ?? '(no files)', line: 1 }, 'no rule file sets `version`');
  for (const v of versions.slice(1)) {
    if (v.value !== version!.value) err(v, `version "${v.value}" differs from "${version!.value}" set in ${version!.file}:${version!.line}`);
  }

  const thresholds = files.flatMap((f) => f.thresholds);
  const threshold = unique('threshold');
  for (const t of thresholds) {
    threshold(t.name, t.source);
    const problem = levelProblem(t);
    if (problem) err(t.source, `threshold "${t.name}": ${problem}`);
  }
  const known = new Set(thresholds.map((t) => t.name));

  const groups = files.flatMap((f) => f.groups);
  const slos = files.flatMap((f) => f.slos);
  const group = unique('group');
  const alert = unique('alert name');
  const record = unique('recording rule');
  const slo = unique('SLO');
  for (const g of groups) {
    group(g.name, g.source);
    for (const r of g.rules) {
      if (r.kind === 'record') {
        record(r.record, r.source);
        continue;
      }
      alert(r.name, r.source);
      if (r.threshold && !known.has(r.threshold.name))
        err({ file: r.source.file, line: r.threshold.line }, `alert "${r.name}": unknown threshold "${r.threshold.name}"; defined: ${[...known].join(', ') || 'none'}`);
    }
  }
  for (const s of slos) {
    slo(s.name, s.source);
    group(sloGroupName(s.name), s.source);
    alert(s.alert, s.source);
  }

  const alertNames = new Set([...groups.flatMap((g) => g.rules.flatMap((r) => (r.kind === 'alert' ? [r.name] : []))), ...slos.map((s) => s.alert)]);
  const recommendation = unique('recommendation id');
  for (const f of files) {
    for (const r of f.recommendations) recommendation(r.id, r.source);
    for (const ref of f.recommendationRefs) {
      if (!alertNames.has(ref.alert)) err(ref, `recommendation refers to unknown alert "${ref.alert}"`);
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    parsed: {
      version: version!.value,
      files: files.map((f) => ({ path: f.file, sha256: f.sha256 })),
      thresholds,
      groups,
      slos,
      recommendations: files.flatMap((f) => f.recommendations),
      inhibitRules: files.flatMap((f) => f.inhibitRules),
    },
  };
}
