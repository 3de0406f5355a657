// When a finished trace counts as slow: a fixed number of ms, or the p95 of the recent root
// durations. The p95 is recomputed every 128 roots over a ring of the last 1024, so a root's
// end costs one array write; before 20 roots were seen the 500 ms default applies.
const RING = 1024;
const EVERY = 128;
const MIN_SAMPLES = 20;
const FALLBACK_MS = 500;

/** The slow-trace threshold in effect. */
export class SlowThreshold {
  readonly #fixed: number | undefined;
  readonly #ring = new Float64Array(RING);
  #seen = 0;
  #p95 = FALLBACK_MS;

  constructor(option: number | 'p95') {
    this.#fixed = option === 'p95' ? undefined : option;
  }

  /** Records one root duration (only the p95 mode keeps them). */
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
