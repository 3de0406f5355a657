// Waiting for a condition instead of sleeping a fixed time. On a loaded machine the wait is
// longer, never a failure: the deadline is generous and only there to fail a test that would
// otherwise hang, so a test never depends on how fast the machine is.
import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** Fail after this long. @defaultValue 10000 */
  timeoutMs?: number;
  /** Pause between checks. @defaultValue 10 */
  intervalMs?: number;
}

/**
 * Resolves once `check` returns true, with the ms it took; rejects naming `what` when it is
 * still false after `timeoutMs`. A check that throws fails at once.
 */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 10_000, intervalMs = 10 }: WaitForOptions = {},
): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    const waited = performance.now() - started;
    if (waited > timeoutMs) throw new Error(`timed out after ${Math.round(waited)} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
  return Math.round(performance.now() - started);
}
