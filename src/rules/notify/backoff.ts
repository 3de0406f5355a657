// Exponential backoff with jitter: retries of many receivers failing together spread out
// instead of arriving in lockstep.

/** Backoff settings. */
export interface BackoffOptions {
  /** Delay before the first retry. @defaultValue 500 */
  baseMs: number;
  /** Cap of any delay. @defaultValue 30000 */
  maxMs: number;
  /** Growth per attempt. @defaultValue 2 */
  factor: number;
}

/**
 * Delay before retry number `retry` (0-based): "equal jitter", uniform in [d/2, d] where
 * d = min(maxMs, baseMs·factor^retry) — spread out, but never much shorter than intended.
 */
export function backoffDelay(retry: number, options: BackoffOptions, random: () => number = Math.random): number {
  const d = Math.min(options.maxMs, options.baseMs * options.factor ** retry);
  return d / 2 + random() * (d / 2);
}
