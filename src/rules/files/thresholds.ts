// Threshold levels: their consistency, and runtime overrides (the performance API's
// PUT thresholds) applied over the files' values.
import type { RuleFileError, Threshold } from '../types.js';

/** New levels for some thresholds, by name; what is left out keeps the file's value. */
export type ThresholdOverrides = Record<string, Partial<Pick<Threshold, 'warning' | 'critical'>>>;

/** File name used in errors about overrides (they come from the API, not a file). */
export const OVERRIDES_SOURCE = '(threshold overrides)';

/** Why `t`'s levels are inconsistent, or undefined: the critical level must be the worse one. */
export function levelProblem(t: Pick<Threshold, 'warning' | 'critical' | 'direction'>): string | undefined {
  if (!Number.isFinite(t.warning) || !Number.isFinite(t.critical)) return 'levels must be finite numbers';
  if (t.direction === 'above' && t.warning > t.critical)
    return `warning (${t.warning}) must not be above critical (${t.critical}) when higher is worse`;
  if (t.direction === 'below' && t.warning < t.critical)
    return `warning (${t.warning}) must not be below critical (${t.critical}) when lower is worse`;
  return undefined;
}

/** `thresholds` with `overrides` applied, or the errors (unknown names, inconsistent levels). */
export function applyThresholdOverrides(
  thresholds: readonly Threshold[],
  overrides: ThresholdOverrides = {},
): { ok: true; thresholds: Threshold[] } | { ok: false; errors: RuleFileError[] } {
  const errors: RuleFileError[] = [];
  const known = new Set(thresholds.map((t) => t.name));
  for (const name of Object.keys(overrides)) {
    if (!known.has(name)) errors.push({ file: OVERRIDES_SOURCE, line: 1, reason: `unknown threshold "${name}"; known: ${[...known].join(', ')}` });
  }
  const result = thresholds.map(({ name, warning, critical, direction, unit, description }) => {
    const o = overrides[name] ?? {};
    const t: Threshold = { name, warning: o.warning ?? warning, critical: o.critical ?? critical, direction };
    if (unit !== undefined) t.unit = unit;
    if (description !== undefined) t.description = description;
    const problem = name in overrides ? levelProblem(t) : undefined;
    if (problem) errors.push({ file: OVERRIDES_SOURCE, line: 1, reason: `threshold "${name}": ${problem}` });
    return t;
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, thresholds: result };
}
