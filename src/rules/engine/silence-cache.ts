// The silences in force, read from the store at most once per sync interval (evaluation
// checks them for every alert) and at once after a change made through it (write-through);
// a failed read keeps the last list.
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

  /** Stores a new silence starting at `input.startsAtMs` (else now), then re-reads the list. */
  async add(input: SilenceInput, nowMs: number): Promise<Silence> {
    const startsAtMs = input?.startsAtMs ?? nowMs;
    checkSilenceInput(input, startsAtMs);
    const silence = await this.store.addSilence({ ...input, startsAtMs, comment: input.comment ?? '' });
    await this.refresh(nowMs, true);
    return silence;
  }

  /** Ends the silence `id` now, then re-reads the list; false when none with `id` is in force. */
  async expire(id: string, nowMs: number): Promise<boolean> {
    const done = await this.store.expireSilence(String(id), nowMs);
    await this.refresh(nowMs, true);
    return done;
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
