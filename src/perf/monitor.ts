// The performance monitor (seed 002's 30-second loop): every interval it takes one snapshot of
// the machine, the cache, the batcher and the request metrics, and keeps a bounded history.
// Request figures come from PromQL over the rules service's query source, so they read the
// same in embedded mode and when Prometheus is the source.
import type { BatchStats } from '../batch/index.js';
import type { CacheStats } from '../cache/index.js';
import { logger } from '../log/index.js';
import { counter, PREDICTION_METRICS } from '../metrics/index.js';
import type { QuerySource } from '../rules/types.js';
import { SystemSampler, type SystemReading } from './system.js';

/** One point of the metrics history. */
export interface PerformanceSnapshot extends SystemReading {
  timestamp: string;
  request_rate: number | null;
  error_rate: number | null;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  latency_p99_ms: number | null;
  /** Mean database query time over the last minute, ms. */
  db_query_ms: number | null;
  /** Database queries slower than 100 ms (seed 001's target) since start. */
  db_slow_queries: number | null;
  cache_hit_rate: number;
  cache_entries: number;
  batch_average_size: number;
  batch_queue_size: number;
}

/** Options of {@link PerformanceMonitor}. */
export interface MonitorOptions {
  /** Snapshot interval (PERFORMANCE_MONITORING_INTERVAL). @defaultValue 30000 */
  intervalMs?: number;
  /** Snapshots kept. @defaultValue 2880 (a day at 30 s) */
  historySize?: number;
}

/** What the monitor reads. */
export interface MonitorSources {
  cacheStats: () => CacheStats;
  batchStats: () => BatchStats;
  /** Absent when no query source runs (telemetry off): request figures are then null. */
  query?: QuerySource;
}

const QUERIES = {
  request_rate: 'sum(rate(request_total[1m]))',
  // `or vector(0)`: no 5xx at all is a 0% error rate, not an unknown one.
  error_rate: '100 * (sum(rate(request_total{status=~"5.."}[1m])) or vector(0)) / sum(rate(request_total[1m]))',
  latency_p50_ms: '1000 * histogram_quantile(0.5, sum by (le) (rate(request_latency_seconds_bucket[1m])))',
  latency_p95_ms: '1000 * histogram_quantile(0.95, sum by (le) (rate(request_latency_seconds_bucket[1m])))',
  latency_p99_ms: '1000 * histogram_quantile(0.99, sum by (le) (rate(request_latency_seconds_bucket[1m])))',
  db_query_ms: '1000 * sum(rate(db_query_seconds_sum[1m])) / sum(rate(db_query_seconds_count[1m]))',
  db_slow_queries: 'sum(db_query_seconds_count) - sum(db_query_seconds_bucket{le="0.1"})',
} as const;

/** Samples on an interval into a bounded history; never throws from its loop. */
export class PerformanceMonitor {
  readonly #sources: MonitorSources;
  readonly #intervalMs: number;
  readonly #historySize: number;
  readonly #system = new SystemSampler();
  readonly #history: PerformanceSnapshot[] = [];
  readonly #failures = counter(PREDICTION_METRICS.monitorFailures);
  #timer: NodeJS.Timeout | undefined;
  #failing = false;

  constructor(sources: MonitorSources, options: MonitorOptions = {}) {
    const { intervalMs = 30_000, historySize = 2880 } = options;
    if (!(intervalMs >= 100)) throw new RangeError(`intervalMs must be at least 100, got ${intervalMs}`);
    if (!(historySize >= 1)) throw new RangeError(`historySize must be at least 1, got ${historySize}`);
    this.#sources = sources;
    this.#intervalMs = intervalMs;
    this.#historySize = historySize;
  }

  /** Starts the loop (first snapshot after one interval, so CPU covers a whole interval). */
  start(): void {
    this.#timer ??= setInterval(() => void this.sample(), this.#intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#system.close();
  }

  /** Takes one snapshot now and appends it to the history. */
  async sample(now = Date.now()): Promise<PerformanceSnapshot> {
    const cache = this.#sources.cacheStats();
    const batch = this.#sources.batchStats();
    const requests = await this.#requestFigures(now);
    const snapshot: PerformanceSnapshot = {
      timestamp: new Date(now).toISOString(),
      ...this.#system.read(),
      ...requests,
      cache_hit_rate: cache.hit_rate,
      cache_entries: cache.entry_count,
      batch_average_size: batch.average_batch_size,
      batch_queue_size: batch.queue_size,
    };
    this.#history.push(snapshot);
    if (this.#history.length > this.#historySize) this.#history.shift();
    return snapshot;
  }

  /** Snapshots since `sinceMs` (all by default), oldest first, at most `limit` (the newest). */
  history(sinceMs = 0, limit = this.#historySize): PerformanceSnapshot[] {
    const from = this.#history.filter((s) => Date.parse(s.timestamp) >= sinceMs);
    return from.slice(Math.max(0, from.length - limit));
  }

  /** This process and the machine now, over the time since the last snapshot (the history is untouched). */
  system(): SystemReading {
    return this.#system.read(true);
  }

  /** True while the snapshot loop runs (PERFORMANCE_MONITORING_ENABLED). */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** The newest snapshot, if any. */
  latest(): PerformanceSnapshot | undefined {
    return this.#history.at(-1);
  }

  async #requestFigures(now: number): Promise<Record<keyof typeof QUERIES, number | null>> {
    const out = Object.fromEntries(Object.keys(QUERIES).map((k) => [k, null])) as Record<keyof typeof QUERIES, number | null>;
    const source = this.#sources.query;
    if (!source) return out;
    try {
      for (const [name, expr] of Object.entries(QUERIES) as Array<[keyof typeof QUERIES, string]>) {
        const value = (await source.query(expr, now))[0]?.value;
        out[name] = value === undefined || !Number.isFinite(value) ? null : Math.round(value * 100) / 100;
      }
      if (this.#failing) logger().info('performance monitor queries recovered');
      this.#failing = false;
    } catch (err) {
      this.#failures.add(1);
      if (!this.#failing) logger().warn({ err, source: source.name }, 'performance monitor queries failing');
      this.#failing = true;
    }
    return out;
  }
}
