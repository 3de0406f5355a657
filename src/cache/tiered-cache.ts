// The tiered cache: an in-process LRU (L1) in front of an optional shared Redis (L2). A lookup
// tries L1, then L2 (an L2 hit refills L1 for the entry's remaining TTL); a miss in
// getOrCompute runs the computation once per key however many callers are waiting.
import { context, trace, type Span } from '@opentelemetry/api';
import type { Redis } from 'ioredis';
import { domainMetrics } from '../telemetry/metrics.js';
import { startChildSpan } from '../telemetry/tracer.js';
import { InvalidationBus, type Invalidation } from './invalidation.js';
import { MemoryTier } from './memory-tier.js';
import { checkTtl, jitteredTtlMs, resolveCacheOptions, type CacheOptions } from './options.js';
import { RedisTier, type L2Entry } from './redis-tier.js';
import { SingleFlight } from './single-flight.js';
import { percent, recordTtl, reportHitRatio, stopReportingHitRatio, type CacheStats, type HitCounter } from './stats.js';

/** Per-entry options of `set` and `getOrCompute`. */
export interface SetOptions {
  /** TTL in seconds (jitter is taken off it). @defaultValue the cache's `defaultTtlSeconds` */
  ttlSeconds?: number;
  /** Tags for {@link TieredCache.deleteByTags}. @defaultValue none */
  tags?: string[];
}

/** Where a lookup was answered: the `cache.tier` span attribute. */
export type CacheTier = 'l1' | 'l2' | 'miss';

interface Outcome {
  value: unknown;
  cached: boolean;
}

// Shared attribute objects: the hit path allocates as little as possible.
const OP = {
  get: { operation: 'get' },
  set: { operation: 'set' },
  delete: { operation: 'delete' },
  deleteByTags: { operation: 'delete_by_tags' },
  clear: { operation: 'clear' },
} as const;

const since = (start: number) => (performance.now() - start) / 1000;

function endLookup(span: Span, tier: CacheTier): void {
  span.setAttribute('cache.hit', tier !== 'miss');
  span.setAttribute('cache.tier', tier);
  span.end();
}

function checkTags(tags: unknown): void {
  if (tags === undefined) return;
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || t.length === 0)) {
    throw new TypeError('cache tags must be an array of non-empty strings');
  }
}

/** L1 + optional L2 cache with tags, single-flight, seed 003 statistics, spans and metrics. */
export class TieredCache {
  /** The options in effect, defaults filled in. */
  readonly options: Readonly<CacheOptions>;
  readonly #l1: MemoryTier;
  readonly #l2: RedisTier | undefined;
  readonly #bus: InvalidationBus | undefined;
  readonly #flights = new SingleFlight<Outcome>();
  readonly #gaugeSource: HitCounter = {
    hitCounts: () => ({ hits: this.#hits, misses: this.#misses }),
    size: () => {
      const { entries, bytes } = this.#l1.counts();
      return { entries, bytes };
    },
  };
  #hits = 0;
  #misses = 0;

  /** Validates `options` (a RangeError or TypeError names the rule broken) and connects to Redis when set. */
  constructor(options: Partial<CacheOptions> = {}) {
    this.options = Object.freeze(resolveCacheOptions(options));
    const { maxEntries, redisUrl, keyPrefix, commandTimeoutMs } = this.options;
    this.#l1 = new MemoryTier(maxEntries);
    if (redisUrl) {
      this.#l2 = new RedisTier(redisUrl, keyPrefix, commandTimeoutMs);
      const apply = (inv: Invalidation) => {
        if ('all' in inv) this.#l1.clear();
        else for (const key of inv.keys) this.#l1.delete(key);
      };
      this.#bus = new InvalidationBus(this.#l2.connection.client, redisUrl, keyPrefix, commandTimeoutMs, apply);
    }
    reportHitRatio(this.#gaugeSource);
  }

  /**
   * The L2 tier's ioredis client (undefined without `redisUrl`), for what else keeps shared state
   * in the same Redis (the rate limits): one connection and one reconnect loop, closed by {@link close}.
   */
  get redisClient(): Redis | undefined {
    return this.#l2?.connection.client;
  }

  /** The value of `key` from L1, else L2 (refilling L1), else undefined. Never rejects on a Redis failure. */
  async get<T>(key: string): Promise<T | undefined> {
    const start = performance.now();
    const span = startChildSpan('cache.get', { attributes: { 'cache.key': key } });
    const local = this.#l1.get(key);
    if (local !== undefined || !this.#l2) {
      this.#finishLookup(span, start, local === undefined ? 'miss' : 'l1');
      return local as T | undefined;
    }
    const remote = await this.#l2Lookup(key, span);
    this.#finishLookup(span, start, remote ? 'l2' : 'miss');
    return remote?.value as T | undefined;
  }

  /** Stores `value` (JSON-serialisable, not undefined) in L1 and L2 for its jittered TTL. */
  async set<T>(key: string, value: T, opts: SetOptions = {}): Promise<void> {
    if (value === undefined) throw new TypeError(`cache value of ${JSON.stringify(key)} must not be undefined`);
    checkTtl(opts.ttlSeconds);
    checkTags(opts.tags);
    const start = performance.now();
    // Serialised even without L2: it sizes the entry, and values behave the same with or without Redis.
    const json = JSON.stringify(value);
    const ttlMs = jitteredTtlMs(opts.ttlSeconds ?? this.options.defaultTtlSeconds, this.options.ttlJitter);
    this.#l1.set(key, value, ttlMs, json.length, opts.tags);
    recordTtl(ttlMs / 1000);
    if (this.#l2) await this.#l2.set(key, json, ttlMs, opts.tags);
    domainMetrics().cacheOperation.record(since(start), OP.set);
  }

  /**
   * The cached value of `key`, or `compute()`'s result, stored with `opts`. Concurrent misses on
   * one key share one computation; `cached` says whether the value came from the cache. `opts`
   * may be a function, called only when the value is computed: a hit then builds no tags.
   */
  async getOrCompute<T>(key: string, compute: () => Promise<T>, opts: SetOptions | (() => SetOptions) = {}): Promise<{ value: T; cached: boolean }> {
    if (typeof opts !== 'function') {
      checkTtl(opts.ttlSeconds);
      checkTags(opts.tags);
    }
    const start = performance.now();
    const span = startChildSpan('cache.get', { attributes: { 'cache.key': key } });
    const local = this.#l1.get(key);
    if (local !== undefined) {
      this.#finishLookup(span, start, 'l1');
      return { value: local as T, cached: true };
    }
    const joined = this.#flights.joinable(key);
    if (joined) {
      // The lookup of a joiner lasts until the shared flight answers it.
      span.setAttribute('cache.coalesced', true);
      let outcome: Outcome | undefined;
      try {
        outcome = await joined;
      } finally {
        this.#finishLookup(span, start, outcome?.cached ? 'l2' : 'miss');
      }
      return outcome as { value: T; cached: boolean };
    }
    let outcome: Outcome;
    try {
      outcome = await this.#flights.run(key, () => this.#lead(key, compute, opts, span, start));
    } catch (err) {
      this.#misses++; // the computation failed: still a miss
      throw err;
    }
    if (outcome.cached) this.#hits++;
    else this.#misses++;
    return outcome as { value: T; cached: boolean };
  }

  /** Removes `key` from both tiers and from other instances' L1; true when a tier held it. */
  async delete(key: string): Promise<boolean> {
    const start = performance.now();
    // L2 first: a lookup between the two steps must not refill L1 from a value about to go.
    const inL2 = this.#l2 ? await this.#l2.delete(key) : false;
    const inL1 = this.#l1.delete(key);
    this.#bus?.publish({ keys: [key] });
    domainMetrics().cacheOperation.record(since(start), OP.delete);
    return inL1 || inL2;
  }

  /** Removes every entry carrying any of `tags` (seed 003 `delete_by_tags`); returns the distinct keys removed. */
  async deleteByTags(tags: string[]): Promise<number> {
    checkTags(tags);
    const start = performance.now();
    const remote = this.#l2 ? await this.#l2.deleteByTags(tags) : { removed: [], members: [] };
    const removed = new Set(this.#l1.deleteByTags(tags));
    // L1 entries refilled from L2 carry no tags here; the tag sets' members name them.
    for (const key of remote.members) if (this.#l1.delete(key)) removed.add(key);
    for (const key of remote.removed) removed.add(key);
    this.#bus?.publish({ keys: [...new Set([...removed, ...remote.members])] });
    domainMetrics().cacheOperation.record(since(start), OP.deleteByTags);
    return removed.size;
  }

  /** Empties both tiers (every key under the prefix) and other instances' L1; returns the distinct keys removed. */
  async clear(): Promise<number> {
    const start = performance.now();
    const removed = new Set(this.#l2 ? await this.#l2.clear() : []);
    for (const key of this.#l1.keys()) removed.add(key);
    this.#l1.clear();
    this.#bus?.publish({ all: true });
    domainMetrics().cacheOperation.record(since(start), OP.clear);
    return removed.size;
  }

  /** Purges expired L1 entries and L2 tag sets whose keys all expired; returns how many were removed. */
  async cleanup(): Promise<number> {
    const expired = this.#l1.purgeExpired();
    return expired + (this.#l2 ? await this.#l2.pruneTags() : 0);
  }

  /** Seed 003's statistics plus the L2 counters. */
  stats(): CacheStats {
    const { entries, bytes, evictions } = this.#l1.counts();
    const max = this.options.maxEntries;
    return {
      hits: this.#hits,
      misses: this.#misses,
      evictions,
      hit_rate: percent(this.#hits, this.#hits + this.#misses),
      total_size: bytes,
      entry_count: entries,
      max_size: max,
      utilization: percent(entries, max),
      l2: this.#l2?.stats() ?? { enabled: false, connected: false, hits: 0, misses: 0, errors: 0, timeouts: 0 },
    };
  }

  /** For `/readyz`: no L2 configured, L2 answering, or L2 failing (served from L1 meanwhile). */
  l2State(): 'disabled' | 'connected' | 'degraded' {
    if (!this.#l2) return 'disabled';
    return this.#l2.connection.healthy() ? 'connected' : 'degraded';
  }

  /** Closes the Redis connections; L1 keeps answering. */
  async close(): Promise<void> {
    stopReportingHitRatio(this.#gaugeSource);
    await Promise.all([this.#l2?.close(), this.#bus?.close()]);
  }

  // The leader of a flight: L2 lookup inside the span, then (span ended) compute in the
  // caller's context, so the computation's spans are siblings of cache.get, not children.
  async #lead(key: string, compute: () => Promise<unknown>, opts: SetOptions | (() => SetOptions), span: Span, start: number): Promise<Outcome> {
    const remote = this.#l2 ? await this.#l2Lookup(key, span) : undefined;
    this.#endLookup(span, start, remote ? 'l2' : 'miss');
    if (remote) return { value: remote.value, cached: true };
    const value = await compute();
    await this.set(key, value, typeof opts === 'function' ? opts() : opts);
    return { value, cached: false };
  }

  // The L2 lookup with cache.get as the active span (the Redis client's spans nest under it).
  async #l2Lookup(key: string, span: Span): Promise<L2Entry | undefined> {
    const l2 = this.#l2!;
    // Only a recorded lookup sets a context (context.ts: an untraced one must not switch it on).
    const entry = span.isRecording() ? await context.with(trace.setSpan(context.active(), span), () => l2.get(key)) : await l2.get(key);
    // PTTL -1 (no expiry) cannot happen for our writes, -2 means it expired in between.
    if (entry && entry.ttlMs > 0) this.#l1.set(key, entry.value, entry.ttlMs, entry.size, undefined);
    return entry;
  }

  // Ends a lookup that counts as one whole-cache outcome (get, and L1 hits of getOrCompute).
  #finishLookup(span: Span, start: number, tier: CacheTier): void {
    if (tier === 'miss') this.#misses++;
    else this.#hits++;
    this.#endLookup(span, start, tier);
  }

  #endLookup(span: Span, start: number, tier: CacheTier): void {
    endLookup(span, tier);
    domainMetrics().cacheOperation.record(since(start), OP.get);
  }
}
