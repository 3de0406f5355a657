// Which forecasts users ask for most: a request count per (city, date), bounded so that a scan
// of many dates cannot grow it without limit. Preloading warms the cache with the top ones.
// When full, the least requested key makes room (counts of new keys start above it, as in the
// space-saving algorithm, so a key that just got popular is not evicted at once).

/** Options of {@link HotKeys}. */
export interface HotKeysOptions {
  /** Keys tracked at most. @defaultValue 1000 */
  capacity?: number;
}

/** A forecast key and how often it was asked for. */
export interface HotKey {
  city: string;
  date: string;
  requests: number;
}

/** Request counts of forecast keys. */
export class HotKeys {
  readonly #capacity: number;
  readonly #counts = new Map<string, number>();

  constructor(options: HotKeysOptions = {}) {
    const { capacity = 1000 } = options;
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`HotKeys: capacity must be an integer >= 1, got ${capacity}`);
    this.#capacity = capacity;
  }

  /** Counts one request of `city` on `date`. */
  hit(city: string, date: string): void {
    const key = `${city}\u001f${date}`;
    const count = this.#counts.get(key);
    if (count !== undefined) {
      this.#counts.set(key, count + 1);
      return;
    }
    let floor = 0;
    if (this.#counts.size >= this.#capacity) {
      // O(capacity), only when a new key arrives at a full table.
      let coldest: string | undefined;
      floor = Infinity;
      for (const [k, n] of this.#counts) if (n < floor) [floor, coldest] = [n, k];
      this.#counts.delete(coldest!);
    }
    this.#counts.set(key, floor + 1);
  }

  /** The `n` most requested keys, most requested first. */
  top(n: number): HotKey[] {
    return [...this.#counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, Math.max(0, n))
      .map(([key, requests]) => {
        const [city, date] = key.split('\u001f') as [string, string];
        return { city, date, requests };
      });
  }

  /** Keys tracked now. */
  get size(): number {
    return this.#counts.size;
  }
}
