// Two severity scales, one set of alerts. The rules use Prometheus's info/warning/critical (what
// Alertmanager routes and inhibits on); seed 003 filters and counts by low/medium/high/critical.
// Its example calls a reading between the warning and the critical level "high", so:
//   info → low, warning → high, critical → critical; no rule produces medium.
// `?severity=` takes either name; every alert carries both.

/** Seed 003's levels, lowest first. */
export const SEED_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
/** The rules' severities, lowest first. */
export const RULE_SEVERITIES = ['info', 'warning', 'critical'] as const;

export type SeedLevel = (typeof SEED_LEVELS)[number];

const TO_SEED: Record<string, SeedLevel> = { info: 'low', warning: 'high', critical: 'critical' };

/** Seed 003's name of a rule severity; an unknown severity (a label set by hand) keeps its name when it is a seed level. */
export function seedLevel(severity: string): SeedLevel | undefined {
  return TO_SEED[severity] ?? (SEED_LEVELS as readonly string[]).find((l) => l === severity) as SeedLevel | undefined;
}

/** True when an alert of `severity` matches the filter `wanted`, given in either scale. */
export function severityMatches(severity: string, wanted: string): boolean {
  return severity === wanted || seedLevel(severity) === wanted;
}

/** Counts per name of both scales (every name present, 0 when none). */
export function severityBreakdown(severities: string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries([...RULE_SEVERITIES, ...SEED_LEVELS].map((s) => [s, 0]));
  for (const s of severities) {
    out[s] = (out[s] ?? 0) + 1;
    const level = TO_SEED[s];
    if (level && level !== s) out[level]!++; // critical is the same name on both scales
  }
  return out;
}
