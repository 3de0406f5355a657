// The cache statistics of seed 003 (`/api/v1/performance/cache/stats`), the process-wide
// `cache_hit_ratio`, `cache_size_bytes` and `cache_entries` gauges, and the TTL distribution
// (`cache_ttl_seconds`) of seed 000's cache dashboard.
import { metrics, type Histogram, type MeterProvider } from '@opentelemetry/api';
import { histogram, PREDICTION_METRICS } from '../metrics/index.js';
import { observeGauge } from '../telemetry/metrics.js';

/** Counters of the Redis (L2) tier. `errors` excludes `timeouts`, which are counted apart. */
export interface L2Stats {
  enabled: boolean;
  connected: boolean;
  hits: number;
  misses: number;
  errors: number;
  timeouts: number;
}

/** Seed 003's cache statistics, plus the L2 tier's counters. */
export interface CacheStats {
  /** Lookups answered from L1 or L2. */
  hits: number;
  /** Lookups answered by neither tier. */
  misses: number;
  /** L1 entries dropped to make room (not expiries, not deletes). */
  evictions: number;
  /** hits / (hits + misses) in percent, one decimal; 0 before any lookup. */
  hit_rate: number;
  /** Approximate bytes held in L1 (JSON length of the values). */
  total_size: number;
  /** Entries in L1 (expired ones count until a lookup or `cleanup()` drops them). */
  entry_count: number;
  /** L1 entry bound. */
  max_size: number;
  /** entry_count / max_size in percent, one decimal. */
  utilization: number;
  l2: L2Stats;
}

/** `part / whole` in percent with one decimal; 0 when `whole` is 0. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0;
}

/** What the gauges read: whole-cache hits and misses, and the L1's size. */
export interface HitCounter {
  hitCounts(): { hits: number; misses: number };
  size(): { entries: number; bytes: number };
}

let current: HitCounter | undefined;
let registered = false;

/**
 * Makes `cache` the one `cache_hit_ratio` reports on. The gauge is registered on the first call
 * only: instruments are per process and tests make many caches, so the newest one is read.
 */
export function reportHitRatio(cache: HitCounter): void {
  current = cache;
  if (registered) return;
  registered = true;
  observeGauge(PREDICTION_METRICS.cacheHitRatio, () => {
    if (!current) return [];
    const { hits, misses } = current.hitCounts();
    const total = hits + misses;
    return total > 0 ? hits / total : 0;
  });
  observeGauge(PREDICTION_METRICS.cacheSizeBytes, () => (current ? current.size().bytes : []));
  observeGauge(PREDICTION_METRICS.cacheEntries, () => (current ? current.size().entries : []));
}

// Made per MeterProvider: one taken before the SDK starts (or from a provider a test replaced)
// would record into nothing.
let ttl: { provider: MeterProvider; histogram: Histogram } | undefined;
const TTL_BUCKETS = [10, 30, 60, 300, 900, 1800, 3600, 7200, 21_600, 86_400];

/** Records the TTL (seconds, after jitter) an entry was set with. */
export function recordTtl(seconds: number): void {
  const provider = metrics.getMeterProvider();
  if (ttl?.provider !== provider) ttl = { provider, histogram: histogram(PREDICTION_METRICS.cacheTtlSeconds, { explicitBucketBoundaries: TTL_BUCKETS }) };
  ttl.histogram.record(seconds);
}

/** Stops reporting on `cache` (it closed); the gauge then reports nothing until another cache opens. */
export function stopReportingHitRatio(cache: HitCounter): void {
  if (current === cache) current = undefined;
}
