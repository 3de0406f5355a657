// The regression guard of `npm run bench` (seed 004): every figure of this run against the
// committed baseline. A guarded figure (a throughput or a ratio where higher is better) more
// than `tolerance` below its baseline is a regression. Latencies and times are shown with their
// change but not judged: on the shared 2-core machines they scatter by more than the tolerance.

/** One measured figure. */
export interface Figure {
  /** Stable name, e.g. `api.hits.rps`; the baseline is keyed by it. */
  name: string;
  value: number;
  better: 'higher' | 'lower';
  /**
   * Whether moving the worse way by more than the tolerance is a regression (below it when
   * higher is better, above it when lower is). @defaultValue better === 'higher'
   */
  guarded?: boolean;
}

/** A figure beside its baseline. */
export interface Comparison {
  name: string;
  baseline: number | undefined;
  current: number | undefined;
  /** (current − baseline) / baseline in %, undefined when either is missing or the baseline is 0. */
  changePct: number | undefined;
  better: 'higher' | 'lower';
  /** new: no baseline yet; missing: in the baseline, not measured by this run. */
  status: 'ok' | 'regressed' | 'new' | 'missing';
}

/** The default tolerance: a guarded figure may fall 20 % below its baseline. */
export const DEFAULT_TOLERANCE = 0.2;

/**
 * Compares `current` with `baseline` (figure name → value). Figures only in the baseline come
 * last, as `missing` (a scenario left out of this run), never as regressions.
 */
export function compareWithBaseline(current: readonly Figure[], baseline: Readonly<Record<string, number>>, tolerance = DEFAULT_TOLERANCE): Comparison[] {
  if (!(tolerance > 0 && tolerance < 1)) throw new RangeError(`tolerance must be a fraction in (0, 1), got ${tolerance}`);
  const rows: Comparison[] = current.map((f) => {
    const base = Object.hasOwn(baseline, f.name) ? baseline[f.name] : undefined;
    if (base === undefined) return { name: f.name, baseline: undefined, current: f.value, changePct: undefined, better: f.better, status: 'new' };
    const changePct = base === 0 ? undefined : ((f.value - base) / Math.abs(base)) * 100;
    const guarded = f.guarded ?? f.better === 'higher';
    const worse = f.better === 'higher' ? f.value < base * (1 - tolerance) : f.value > base * (1 + tolerance);
    const regressed = guarded && worse;
    return { name: f.name, baseline: base, current: f.value, changePct, better: f.better, status: regressed ? 'regressed' : 'ok' };
  });
  const measured = new Set(current.map((f) => f.name));
  for (const [name, value] of Object.entries(baseline)) {
    if (!measured.has(name)) rows.push({ name, baseline: value, current: undefined, changePct: undefined, better: 'higher', status: 'missing' });
  }
  return rows;
}

/** The process exit code: 1 when `strict` and a figure regressed, else 0. */
export function exitCodeFor(rows: readonly Comparison[], strict: boolean): number {
  return strict && rows.some((r) => r.status === 'regressed') ? 1 : 0;
}

const number = (v: number | undefined) => (v === undefined ? '-' : String(Math.round(v * 100) / 100));

/** The rows as a text table, then one summary line. */
export function formatComparison(rows: readonly Comparison[], tolerance = DEFAULT_TOLERANCE): string {
  const width = Math.max(6, ...rows.map((r) => r.name.length));
  const pct = Math.round(tolerance * 100);
  const lines = [`${'figure'.padEnd(width)}  ${'baseline'.padStart(10)}  ${'this run'.padStart(10)}  ${'change'.padStart(8)}`];
  for (const r of rows) {
    const change = r.status === 'new' ? 'new' : r.status === 'missing' ? 'not run' : r.changePct === undefined ? '-' : `${r.changePct >= 0 ? '+' : ''}${r.changePct.toFixed(1)}%`;
    const mark = r.status === 'regressed' ? `  << more than ${pct}% ${r.better === 'higher' ? 'below' : 'above'} the baseline` : '';
    lines.push(`${r.name.padEnd(width)}  ${number(r.baseline).padStart(10)}  ${number(r.current).padStart(10)}  ${change.padStart(8)}${mark}`);
  }
  const regressed = rows.filter((r) => r.status === 'regressed');
  lines.push(
    regressed.length === 0
      ? `no guarded figure more than ${pct}% worse than the baseline`
      : `${regressed.length} figure${regressed.length === 1 ? '' : 's'} more than ${pct}% worse than the baseline: ${regressed.map((r) => r.name).join(', ')}`,
  );
  return lines.join('\n');
}
