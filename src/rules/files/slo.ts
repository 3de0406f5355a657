// SLOs compiled the way Sloth and Pyrra do it (Google SRE workbook, "Alerting on SLOs"): one
// recording rule of the SLI error ratio per window, and a multi-window multi-burn-rate alert —
// critical (page) at 14.4× over 1h/5m or 6× over 6h/30m, warning (ticket) at 3× over 1d/2h or
// 1× over 3d/6h. The short window stops the alert soon after the burning stops.
import type { CompiledAlertRule, CompiledGroup, CompiledRecordingRule } from '../types.js';
import type { ParsedSlo } from './model.js';
import { formatNumber, withWindow } from './templates.js';

/** One long/short window pair and the burn rate both must exceed. */
export interface BurnWindow {
  severity: 'warning' | 'critical';
  long: string;
  short: string;
  factor: number;
}

/** The standard windows for a 30-day budget (2% / 5% / 10% of it consumed when they fire). */
export const BURN_WINDOWS: readonly BurnWindow[] = [
  { severity: 'critical', long: '1h', short: '5m', factor: 14.4 },
  { severity: 'critical', long: '6h', short: '30m', factor: 6 },
  { severity: 'warning', long: '1d', short: '2h', factor: 3 },
  { severity: 'warning', long: '3d', short: '6h', factor: 1 },
];

/** Every window an SLI error ratio is recorded for. */
export const SLI_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

/** Name of the generated group of SLO `name`. */
export function sloGroupName(name: string): string {
  return `slo-${name}`;
}

/** Name of the recorded SLI error ratio over `window` (Sloth's naming). */
export function sliRecordName(window: string): string {
  return `slo:sli_error:ratio_rate${window}`;
}

/**
 * The SLI error ratio over `window`. With traffic but no error series (no 5xx yet) the errors
 * count as 0; without traffic the `> 0` guard leaves no series, so no traffic never alerts.
 */
export function sliRatioExpr(slo: Pick<ParsedSlo, 'errors' | 'total'>, window: string): string {
  const errors = withWindow(slo.errors, window).trim();
  const total = withWindow(slo.total, window).trim();
  return `((${errors}) or 0 * (${total})) / ((${total}) > 0)`;
}

/** The recording rules and the two-severity burn-rate alert of `slo`, as one group. */
export function compileSlo(slo: ParsedSlo): CompiledGroup {
  const group = sloGroupName(slo.name);
  const budget = (100 - slo.objective) / 100;
  const records: CompiledRecordingRule[] = SLI_WINDOWS.map((w) => ({
    kind: 'record',
    group,
    record: sliRecordName(w),
    expr: sliRatioExpr(slo, w),
    labels: { slo: slo.name },
  }));
  const ratio = (w: string, level: number) => `${sliRecordName(w)}{slo="${slo.name}"} > ${formatNumber(level)}`;
  const alerts = (['critical', 'warning'] as const).map((severity): CompiledAlertRule => {
    const expr = BURN_WINDOWS.filter((b) => b.severity === severity)
      .map((b) => `(${ratio(b.short, b.factor * budget)} and ${ratio(b.long, b.factor * budget)})`)
      .join(' or ');
    return {
      kind: 'alert',
      group,
      name: slo.alert,
      severity,
      expr,
      forMs: 0,
      keepFiringForMs: 0,
      labels: { ...slo.labels, slo: slo.name, severity },
      annotations: {
        summary: `SLO ${slo.name} (${formatNumber(slo.objective)}%) is burning its error budget too fast`,
        description: `Error ratio {{ $value | printf "%.4f" }} over the short window; budget ${formatNumber(budget * 100)}%.`,
        ...slo.annotations,
      },
      source: slo.source,
    };
  });
  return { name: group, intervalMs: slo.intervalMs, rules: [...records, ...alerts] };
}
