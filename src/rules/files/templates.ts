// The two compile-time placeholders of the format: `{{ $threshold }}` in annotations (replaced by
// the level, so Prometheus sees a literal) and `{{ $window }}` in SLI expressions.

/** Matches `{{ $threshold }}` (any inner spacing). */
export const THRESHOLD_TEMPLATE = /\{\{\s*\$threshold\s*\}\}/;
/** Matches `{{ $window }}` (any inner spacing). */
export const WINDOW_TEMPLATE = /\{\{\s*\$window\s*\}\}/;

/** `text` with every `{{ $threshold }}` replaced by `value`. */
export function withThreshold(text: string, value: number): string {
  return text.replace(new RegExp(THRESHOLD_TEMPLATE.source, 'g'), formatNumber(value));
}

/** `expr` with every `{{ $window }}` replaced by the range `window` (e.g. `5m`). */
export function withWindow(expr: string, window: string): string {
  return expr.replace(new RegExp(WINDOW_TEMPLATE.source, 'g'), window);
}

/** A number as PromQL and humans write it: no float noise (0.1 + 0.2 → 0.3), no exponent for normal sizes. */
export function formatNumber(value: number): string {
  return String(Number(value.toPrecision(12)));
}
