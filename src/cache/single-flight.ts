// Single-flight: concurrent callers asking for the same key share one in-flight promise, so a
// burst of misses on one key runs its computation once.

/** Deduplicates concurrent work by key. */
export class SingleFlight<T> {
  readonly #flights = new Map<string, Promise<T>>();

  /** The in-flight promise of `key`, if any. */
  joinable(key: string): Promise<T> | undefined {
    return this.#flights.get(key);
  }

  /** Runs `work` for `key`, or joins the run already in flight; the entry is gone once it settles. */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const inFlight = this.#flights.get(key);
    if (inFlight) return inFlight;
    const flight = work().finally(() => this.#flights.delete(key));
    this.#flights.set(key, flight);
    return flight;
  }

  /** Keys with work in flight. */
  get size(): number {
    return this.#flights.size;
  }
}
