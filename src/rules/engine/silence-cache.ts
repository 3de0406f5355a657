// The silences in force, read from the store at most once per sync interval (evaluation
// checks them for every alert) and at once after a change; a failed read keeps the last list.
import { logger } from '../../log/index.js';
import type { AlertStore } from './store.js';
import type { Silence, SilenceInput } from './types.js';
import { validateMatchers } from './silences.js';

/** A cached list of silences. */
export class SilenceCache {
  #atMs = -Infinity;
  #list: Silence[] = [];

  constructor(
    private readonly store: AlertStore,
    private readonly maxAgeMs: number,
  ) {}

  /** The silences as last read. */
  get list(): Silence[] {
    return this.#list;
  }

  /** Re-reads the store when the list is older than the sync interval, or when `force`d. */
  async refresh(nowMs: number, force: boolean): Promise<void> {
    if (!force && nowMs - this.#atMs < this.maxAgeMs) return;
    try {
      this.#list = await this.store.silences(nowMs);
      this.#atMs = nowMs;
    } catch (err) {
      logger().error({ err: (err as Error).message }, 'reading silences failed; the last ones stay in force');
    }
  }
}

/** Throws a precise message when `input` cannot form a silence starting at `startsAtMs`. */
export function checkSilenceInput(input: SilenceInput, startsAtMs: number): void {
  validateMatchers(input?.matchers);
  if (!Number.isFinite(input.untilMs) || input.untilMs <= startsAtMs) {
    throw new Error(`silence: untilMs must be after the start (${new Date(startsAtMs).toISOString()}), got ${input.untilMs}`);
  }
  if (typeof input.createdBy !== 'string' || !input.createdBy.trim()) throw new Error('silence: createdBy must name who silences');
}
