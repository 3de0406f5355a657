// When a request counts as slow: a fixed number of ms, or the p95 of the recent ones. One
// instance is shared by the agent's tail decision (which keeps an unsampled request's span when
// it is slow) and the trace store (which keeps slow traces longer), so both call the same
// requests slow (TRACE_SLOW_MS). Each duration is observed once: the tail decision observes the
// requests it sees unsampled, the store the roots of the traces recorded anyway. The p95 is
// recomputed every 128 durations over a ring of the last 1024, so one costs one array write;
// before 20 were seen the 500 ms default applies.
/** Set on a span the tail decision kept: `slow` or `error`, why it was kept. */
export const KEPT_ATTRIBUTE = 'foresight.kept';

const RING = 1024;
const EVERY = 128;
const MIN_SAMPLES = 20;
const FALLBACK_MS = 500;

/** The slow-trace threshold in effect. */
export class SlowThreshold {
  /** What it was configured with: a number of ms, or `'p95'`. */
  readonly option: number | 'p95';
  readonly #fixed: number | undefined;
  readonly #ring = new Float64Array(RING);
  #seen = 0;
  #p95 = FALLBACK_MS;

  constructor(option: number | 'p95') {
    this.option = option;
    this.#fixed = option === 'p95' ? undefined : option;
  }

  /** Records one request's (or root span's) duration; only the p95 mode keeps them. */
  observe(durationMs: number): void {
    if (this.#fixed !== undefined) return;
    this.#ring[this.#seen % RING] = durationMs;
    this.#seen++;
    if (this.#seen >= MIN_SAMPLES && (this.#seen % EVERY === 0 || this.#seen === MIN_SAMPLES)) {
      const sorted = this.#ring.slice(0, Math.min(this.#seen, RING)).sort();
      this.#p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
    }
  }

  /** Threshold in ms. */
  get valueMs(): number {
    return this.#fixed ?? this.#p95;
  }
}
