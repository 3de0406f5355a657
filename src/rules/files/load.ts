// Loads every rule file of a directory: parse each, merge, apply threshold overrides, compile.
// Every problem comes back as file:line: reason; nothing throws for a bad file.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CompiledRuleSet, RuleFileError } from '../types.js';
import { compileRuleSet } from './compile.js';
import { mergeRuleFiles } from './merge.js';
import type { ParsedRuleFiles } from './model.js';
import { parseRuleFile } from './parse.js';
import { sliRatioExpr } from './slo.js';
import { applyThresholdOverrides, type ThresholdOverrides } from './thresholds.js';

/** Result of {@link loadRuleFiles}; on success also the parsed files, to recompile on a threshold change. */
export type LoadResult = { ok: true; ruleSet: CompiledRuleSet; parsed: ParsedRuleFiles } | { ok: false; errors: RuleFileError[] };

/** Options of {@link loadRuleFiles}. */
export interface LoadOptions {
  /**
   * An extra check of every expression, e.g. the embedded evaluator's `QuerySource.check`; what it
   * throws is reported at the rule's file and line. @defaultValue none
   */
  checkExpr?: (expr: string) => void;
}

/** The rule files of `dir`: its `*.yaml`/`*.yml` files (not subdirectories), sorted by name. */
export async function listRuleFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** Loads, checks and compiles the rule files of `dir` with `thresholdOverrides` applied. */
export async function loadRuleFiles(dir: string, thresholdOverrides?: ThresholdOverrides, options: LoadOptions = {}): Promise<LoadResult> {
  let files: string[];
  try {
    files = await listRuleFiles(dir);
  } catch (err) {
    return { ok: false, errors: [{ file: dir, line: 1, reason: `cannot read the rule directory: ${(err as Error).message}` }] };
  }
  if (files.length === 0) return { ok: false, errors: [{ file: dir, line: 1, reason: 'no *.yaml rule files' }] };
  const texts = await Promise.all(files.map(async (f) => ({ file: f, text: await fs.readFile(f, 'utf8').catch((e: Error) => e) })));
  return loadRuleTexts(texts, thresholdOverrides, options);
}

/** As {@link loadRuleFiles}, from file contents already read (a text that is an Error is reported). */
export function loadRuleTexts(
  texts: Array<{ file: string; text: string | Error }>,
  thresholdOverrides?: ThresholdOverrides,
  options: LoadOptions = {},
): LoadResult {
  const errors: RuleFileError[] = [];
  const parsedFiles = [];
  for (const { file, text } of texts) {
    if (text instanceof Error) {
      errors.push({ file, line: 1, reason: `cannot read: ${text.message}` });
      continue;
    }
    const r = parseRuleFile(file, text);
    if (r.ok) parsedFiles.push(r.file);
    else errors.push(...r.errors);
  }
  if (errors.length > 0) return { ok: false, errors };
  const merged = mergeRuleFiles(parsedFiles);
  if (!merged.ok) return merged;
  const parsed = merged.parsed;
  if (options.checkExpr) {
    const extra = checkExpressions(parsed, options.checkExpr);
    if (extra.length > 0) return { ok: false, errors: extra };
  }
  const thresholds = applyThresholdOverrides(parsed.thresholds, thresholdOverrides);
  if (!thresholds.ok) return thresholds;
  const compiled = compileRuleSet(parsed, thresholds.thresholds);
  return compiled.ok ? { ok: true, ruleSet: compiled.ruleSet, parsed } : compiled;
}

function checkExpressions(parsed: ParsedRuleFiles, check: (expr: string) => void): RuleFileError[] {
  const errors: RuleFileError[] = [];
  const run = (expr: string, ref: { file: string; line: number }, what: string) => {
    try {
      check(expr);
    } catch (err) {
      errors.push({ file: ref.file, line: ref.line, reason: `${what}: ${(err as Error).message}` });
    }
  };
  for (const g of parsed.groups) for (const r of g.rules) run(r.expr, r.source, r.kind === 'alert' ? `alert "${r.name}"` : `record "${r.record}"`);
  for (const r of parsed.recommendations) if (r.whenExpr) run(r.whenExpr, r.source, `recommendation "${r.id}"`);
  for (const s of parsed.slos) run(sliRatioExpr(s, '5m'), s.source, `SLO "${s.name}"`);
  return errors;
}
