// The in-process tier (L1): an LRU bounded by entry count with a per-entry TTL, an index from
// tag to keys, and the counters seed 003 reports (evictions, approximate bytes).
import { LRUCache } from 'lru-cache';

/** One L1 entry: the value, its approximate size in bytes, and its tags. */
interface Entry {
  value: unknown;
  size: number;
  tags: readonly string[] | undefined;
}

/** The L1 tier of {@link TieredCache}. Values are shared by reference: callers must not mutate them. */
export class MemoryTier {
  readonly #lru: LRUCache<string, Entry>;
  readonly #tags = new Map<string, Set<string>>();
  #bytes = 0;
  #evictions = 0;

  constructor(maxEntries: number) {
    this.#lru = new LRUCache<string, Entry>({
      max: maxEntries,
      // Fallback only: every set passes its own (jittered) TTL.
      ttl: 3_600_000,
      // Every removal, whatever its reason, passes here, so the counters and the tag index stay exact.
      dispose: (entry, key, reason) => {
        this.#bytes -= entry.size;
        if (reason === 'evict') this.#evictions++;
        if (entry.tags) this.#untag(key, entry.tags);
      },
    });
  }

  /** The entry's value, or undefined when absent or expired. */
  get(key: string): unknown {
    return this.#lru.get(key)?.value;
  }

  /** Stores `value` for `ttlMs`; `size` is its approximate byte size. */
  set(key: string, value: unknown, ttlMs: number, size: number, tags: readonly string[] | undefined): void {
    const entry: Entry = { value, size, tags: tags && tags.length > 0 ? tags : undefined };
    // The old entry's dispose runs inside set(), so its tags are removed before the new ones go in.
    this.#lru.set(key, entry, { ttl: ttlMs });
    if (!this.#lru.has(key)) return; // refused (cannot happen with max ≥ 1, but keep the index exact)
    this.#bytes += size;
    if (entry.tags) {
      for (const tag of entry.tags) {
        let keys = this.#tags.get(tag);
        if (!keys) this.#tags.set(tag, (keys = new Set()));
        keys.add(key);
      }
    }
  }

  /** Removes `key`; true when it was present. */
  delete(key: string): boolean {
    return this.#lru.delete(key);
  }

  /** Removes every entry carrying one of `tags`; returns the keys removed. */
  deleteByTags(tags: readonly string[]): string[] {
    const keys = new Set<string>();
    for (const tag of tags) for (const key of this.#tags.get(tag) ?? []) keys.add(key);
    const removed: string[] = [];
    for (const key of keys) if (this.#lru.delete(key)) removed.push(key);
    return removed;
  }

  /** The keys currently held (expired ones included until purged). */
  keys(): string[] {
    return [...this.#lru.keys()];
  }

  /** Removes everything; returns how many entries were held. */
  clear(): number {
    const n = this.#lru.size;
    this.#lru.clear();
    return n;
  }

  /** Drops expired entries now instead of on their next lookup; returns how many. */
  purgeExpired(): number {
    const before = this.#lru.size;
    this.#lru.purgeStale();
    return before - this.#lru.size;
  }

  /** Entries held, their approximate bytes, and evictions so far. */
  counts(): { entries: number; bytes: number; evictions: number } {
    return { entries: this.#lru.size, bytes: this.#bytes, evictions: this.#evictions };
  }

  #untag(key: string, tags: readonly string[]): void {
    for (const tag of tags) {
      const keys = this.#tags.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) this.#tags.delete(tag);
    }
  }
}
