// A growable ring buffer of (timestamp, value, stale) samples for one series. It grows by
// doubling (the scrape interval is not known up front) and is trimmed from the head by the
// store's retention window, so its size is bounded by retention / interval.

const INITIAL_CAPACITY = 16;

/** Samples of one series in timestamp order; index 0 is the oldest kept sample. */
export class SampleRing {
  private ts = new Float64Array(INITIAL_CAPACITY);
  private vs = new Float64Array(INITIAL_CAPACITY);
  private stale = new Uint8Array(INITIAL_CAPACITY);
  private head = 0;
  private count = 0;
  /** Staleness markers held; while zero, ranges need no filtering. */
  private staleCount = 0;

  /** Number of samples held. */
  get size(): number {
    return this.count;
  }

  /** Timestamp (ms) of the sample at logical index `i`. */
  timeAt(i: number): number {
    return this.ts[(this.head + i) & (this.ts.length - 1)]!;
  }

  /** Value of the sample at logical index `i`. */
  valueAt(i: number): number {
    return this.vs[(this.head + i) & (this.vs.length - 1)]!;
  }

  /** Whether the sample at `i` is a staleness marker (the series vanished from its target). */
  staleAt(i: number): boolean {
    return this.stale[(this.head + i) & (this.stale.length - 1)] === 1;
  }

  /** Timestamp of the newest sample, or -Infinity when empty. */
  get lastTime(): number {
    return this.count === 0 ? -Infinity : this.timeAt(this.count - 1);
  }

  /**
   * Appends a sample; returns false for a timestamp not after the newest one, which
   * Prometheus rejects as out of order (a duplicate scrape, a clock step back).
   */
  push(timeMs: number, value: number, isStale = false): boolean {
    if (timeMs <= this.lastTime) return false;
    if (this.count === this.ts.length) this.grow();
    const at = (this.head + this.count) & (this.ts.length - 1);
    this.ts[at] = timeMs;
    this.vs[at] = value;
    this.stale[at] = isStale ? 1 : 0;
    if (isStale) this.staleCount++;
    this.count++;
    return true;
  }

  /** Drops the samples older than `minTimeMs`. */
  evictBefore(minTimeMs: number): void {
    while (this.count > 0 && this.timeAt(0) < minTimeMs) {
      if (this.stale[this.head] === 1) this.staleCount--;
      this.head = (this.head + 1) & (this.ts.length - 1);
      this.count--;
    }
  }

  /** First logical index whose timestamp is >= `timeMs` (size when none). */
  lowerBound(timeMs: number): number {
    return this.bound(timeMs, false);
  }

  /** First logical index whose timestamp is > `timeMs` (size when none). */
  upperBound(timeMs: number): number {
    return this.bound(timeMs, true);
  }

  // Galloping back from the newest sample, then a binary search: rules read the last minutes of
  // an hour, so the bound is a few steps from the end, and the probes stay on the cache lines
  // the range is then read from (a plain binary search starts in the middle of the hour).
  private bound(timeMs: number, inclusive: boolean): number {
    let hi = this.count; // every index >= hi is at or after the bound
    let step = 1;
    let probe = hi - 1;
    while (probe >= 0 && !this.before(probe, timeMs, inclusive)) {
      hi = probe;
      step *= 2;
      probe = hi - step;
    }
    let lo = probe < 0 ? 0 : probe + 1; // every index < lo is before it
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.before(mid, timeMs, inclusive)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private before(i: number, timeMs: number, inclusive: boolean): boolean {
    const t = this.timeAt(i);
    return inclusive ? t <= timeMs : t < timeMs;
  }

  /**
   * The samples with timestamps in [startMs, endMs], staleness markers left out. Views into
   * the buffer (no copy) unless the range wraps around it or holds a marker: a rule tick
   * reads hundreds of thousands of ranges, and small typed-array allocations dominate it.
   * The views are only valid until the next push.
   */
  range(startMs: number, endMs: number): { times: Float64Array; values: Float64Array } {
    const from = this.lowerBound(startMs);
    const n = Math.max(0, this.upperBound(endMs) - from);
    const mask = this.ts.length - 1;
    const a = (this.head + from) & mask;
    if (a + n <= this.ts.length && this.staleCount === 0) {
      return { times: this.ts.subarray(a, a + n), values: this.vs.subarray(a, a + n) };
    }
    const times: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const at = (a + i) & mask;
      if (this.stale[at] === 1) continue;
      times.push(this.ts[at]!);
      values.push(this.vs[at]!);
    }
    return { times: Float64Array.from(times), values: Float64Array.from(values) };
  }

  // Capacity stays a power of two so that index wrapping is a mask, not a modulo.
  private grow(): void {
    const capacity = this.ts.length * 2;
    const ts = new Float64Array(capacity);
    const vs = new Float64Array(capacity);
    const stale = new Uint8Array(capacity);
    for (let i = 0; i < this.count; i++) {
      ts[i] = this.timeAt(i);
      vs[i] = this.valueAt(i);
      stale[i] = this.staleAt(i) ? 1 : 0;
    }
    this.ts = ts;
    this.vs = vs;
    this.stale = stale;
    this.head = 0;
  }
}
