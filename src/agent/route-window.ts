// The per-route RED view of the console: request rate, 5xx share and latency quantiles per
// (endpoint, method) over the last minute, and a short history for charts. Computed from
// snapshots of the cumulative RED series taken every few seconds into a small ring, never on
// the request path: a rate is the difference of two readings over the time between them, as
// Prometheus' `rate()` is; a quantile is estimated from the difference of their buckets.
import type { RedSeriesReading } from '../telemetry/http-server/red.js';
import { histogramQuantile } from './quantile.js';

/** Cumulative totals of one route (all statuses), or of all routes. */
interface Totals {
  count: number;
  errors: number;
  sum: number;
  counts: number[];
}

/** The routes' totals at one moment. */
interface Snapshot {
  t: number;
  routes: Map<string, Totals & { endpoint: string; method: string }>;
  all: Totals;
}

/** One point of a route's history: the interval between two snapshots, ending at `timestamp`. */
export interface RoutePoint {
  timestamp: string;
  request_rate: number;
  /** Percent of the interval's requests answered 5xx; null without requests. */
  error_rate: number | null;
  latency_p50_ms: number | null;
  latency_p95_ms: number | null;
  latency_p99_ms: number | null;
}

/** The RED figures of a route (or of all routes) over the window, with lifetime totals. */
export interface RouteStats extends Omit<RoutePoint, 'timestamp'> {
  /** Requests since the process started. */
  requests: number;
  /** 5xx answers since the process started. */
  errors: number;
  /** Mean latency since the process started; null before the first request. */
  mean_ms: number | null;
  history: RoutePoint[];
}

/** What `GET /api/v1/routes` answers. */
export interface RoutesView {
  generated_at: string;
  /** The span the rates and quantiles cover: the window, or less while the process is younger. */
  window_seconds: number;
  /** Seconds between two history points. */
  interval_seconds: number;
  /** Every route together. */
  overall: RouteStats;
  /** The busiest routes first, at most `limit`. */
  routes: Array<RouteStats & { endpoint: string; method: string }>;
  /** Routes known in all (before the limit). */
  count: number;
}

/** Options of {@link RouteWindow}. */
export interface RouteWindowOptions {
  /** Boundaries of the latency buckets, in seconds. */
  bounds: readonly number[];
  /** Time between snapshots. @defaultValue 5000 */
  intervalMs?: number;
  /** Span of the rates and quantiles. @defaultValue 60000 */
  windowMs?: number;
  /** Snapshots kept (history points + 1). @defaultValue 61 (five minutes at 5 s) */
  keep?: number;
  /** The clock, for tests. @defaultValue Date.now */
  now?: () => number;
}

const emptyTotals = (buckets: number): Totals => ({ count: 0, errors: 0, sum: 0, counts: new Array<number>(buckets).fill(0) });
const round = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);

function add(into: Totals, s: Pick<RedSeriesReading, 'count' | 'sum' | 'counts'>, errors: number): void {
  into.count += s.count;
  into.errors += errors;
  into.sum += s.sum;
  for (let i = 0; i < s.counts.length; i++) into.counts[i]! += s.counts[i]!;
}

/** Rings the RED series; {@link RouteWindow.view} computes the figures when asked. */
export class RouteWindow {
  readonly #read: () => RedSeriesReading[];
  readonly #bounds: readonly number[];
  readonly #intervalMs: number;
  readonly #windowMs: number;
  readonly #keep: number;
  readonly #now: () => number;
  readonly #ring: Snapshot[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(read: () => RedSeriesReading[], options: RouteWindowOptions) {
    const { intervalMs = 5000, windowMs = 60_000, keep = 61, now = Date.now } = options;
    if (!(intervalMs >= 100)) throw new RangeError(`intervalMs must be at least 100, got ${intervalMs}`);
    if (!(windowMs >= intervalMs)) throw new RangeError(`windowMs must be at least intervalMs (${intervalMs}), got ${windowMs}`);
    if (!(Number.isInteger(keep) && keep >= 2)) throw new RangeError(`keep must be an integer of at least 2, got ${keep}`);
    this.#read = read;
    this.#bounds = options.bounds;
    this.#intervalMs = intervalMs;
    this.#windowMs = windowMs;
    this.#keep = keep;
    this.#now = now;
    this.snapshot();
  }

  /** Takes a snapshot every interval (the timer keeps no process alive). */
  start(): void {
    this.#timer ??= setInterval(() => this.snapshot(), this.#intervalMs).unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Adds the series as they stand now to the ring (the timer calls this; tests may too). */
  snapshot(): void {
    this.#ring.push(this.#take());
    if (this.#ring.length > this.#keep) this.#ring.shift();
  }

  /** The figures now, the busiest `limit` routes first. */
  view(limit = 50): RoutesView {
    const now = this.#take();
    const base = this.#baseFor(now.t);
    const buckets = this.#bounds.length + 1;
    const routes = [...now.routes].map(([key, r]) => ({
      endpoint: r.endpoint,
      method: r.method,
      ...this.#stats(r, base.routes.get(key) ?? emptyTotals(buckets), now.t - base.t),
      history: this.#history((s) => s.routes.get(key)),
    }));
    routes.sort((a, b) => b.request_rate - a.request_rate || b.requests - a.requests || a.endpoint.localeCompare(b.endpoint) || a.method.localeCompare(b.method));
    return {
      generated_at: new Date(now.t).toISOString(),
      window_seconds: Math.round((now.t - base.t) / 100) / 10,
      interval_seconds: this.#intervalMs / 1000,
      overall: { ...this.#stats(now.all, base.all, now.t - base.t), history: this.#history((s) => s.all) },
      routes: routes.slice(0, limit),
      count: routes.length,
    };
  }

  #take(): Snapshot {
    const buckets = this.#bounds.length + 1;
    const routes: Snapshot['routes'] = new Map();
    const all = emptyTotals(buckets);
    for (const s of this.#read()) {
      const key = `${s.method} ${s.endpoint}`;
      let r = routes.get(key);
      if (r === undefined) routes.set(key, (r = { endpoint: s.endpoint, method: s.method, ...emptyTotals(buckets) }));
      const errors = s.status.startsWith('5') ? s.count : 0;
      add(r, s, errors);
      add(all, s, errors);
    }
    return { t: this.#now(), routes, all };
  }

  /** The newest snapshot at least a window old; the oldest one while the process is younger. */
  #baseFor(t: number): Snapshot {
    let base = this.#ring[0]!;
    for (const s of this.#ring) {
      if (s.t <= t - this.#windowMs) base = s;
      else break;
    }
    return base;
  }

  /** Rate, error share and quantiles of the requests between `then` and `now`, `ms` apart. */
  #point(now: Totals, then: Totals, ms: number): Omit<RoutePoint, 'timestamp'> {
    const n = now.count - then.count;
    const counts = now.counts.map((c, i) => c - then.counts[i]!);
    const q = (p: number) => {
      const s = n > 0 ? histogramQuantile(p, this.#bounds, counts) : null;
      return s === null ? null : round(s * 1000);
    };
    return {
      request_rate: ms > 0 ? round(n / (ms / 1000))! : 0,
      error_rate: n > 0 ? round(((now.errors - then.errors) / n) * 100) : null,
      latency_p50_ms: q(0.5),
      latency_p95_ms: q(0.95),
      latency_p99_ms: q(0.99),
    };
  }

  #stats(now: Totals, then: Totals, ms: number): Omit<RouteStats, 'history'> {
    return {
      ...this.#point(now, then, ms),
      requests: now.count,
      errors: now.errors,
      mean_ms: now.count > 0 ? round((now.sum / now.count) * 1000) : null,
    };
  }

  /** One point per interval of the ring, for the totals `pick` finds in each snapshot. */
  #history(pick: (s: Snapshot) => Totals | undefined): RoutePoint[] {
    const buckets = this.#bounds.length + 1;
    const points: RoutePoint[] = [];
    for (let i = 1; i < this.#ring.length; i++) {
      const prev = this.#ring[i - 1]!;
      const cur = this.#ring[i]!;
      const p = this.#point(pick(cur) ?? emptyTotals(buckets), pick(prev) ?? emptyTotals(buckets), cur.t - prev.t);
      points.push({ timestamp: new Date(cur.t).toISOString(), ...p });
    }
    return points;
  }
}
