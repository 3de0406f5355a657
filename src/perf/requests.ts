// The live request figures of this process: every API request's route, duration and status in
// a fixed ring, read over the last minute. The performance API and the console show them from
// the first request on, where the metrics history needs a monitor interval and a scrape.
// Recording is a few typed-array writes; the reading side sorts at most `capacity` numbers.

/** Latency figures in ms, or null without requests in the window. */
export interface LatencyFigures {
  avg: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Requests of one window. */
export interface WindowFigures {
  /** Requests in the window. */
  count: number;
  /** Requests per second over the window (or since the first request, when that is shorter). */
  rate: number;
  /** Share answered with a 5xx, in percent (0 without requests). */
  error_rate: number;
  latency_ms: LatencyFigures | null;
  window_seconds: number;
}

/** Options of {@link RequestWindow}. */
export interface RequestWindowOptions {
  /** Requests kept; older ones drop out even inside the window. @defaultValue 4096 */
  capacity?: number;
  /** @defaultValue 60000 */
  windowMs?: number;
  /** @defaultValue Date.now */
  clock?: () => number;
}

const MAX_ROUTES = 512;
const round = (v: number) => Math.round(v * 100) / 100;

/** A ring of the latest requests with since-start totals. */
export class RequestWindow {
  readonly windowMs: number;
  readonly #capacity: number;
  readonly #clock: () => number;
  readonly #at: Float64Array;
  readonly #durationMs: Float32Array;
  readonly #status: Uint16Array;
  readonly #route: Uint16Array;
  // Route patterns are few (one per route of the app); interning them keeps the ring numeric.
  readonly #routeIds = new Map<string, number>([['', 0]]);
  readonly #routeNames: string[] = [''];
  readonly #routeErrors = new Uint32Array(MAX_ROUTES);
  #next = 0;
  #size = 0;
  #firstAt = 0;
  #total = 0;
  #serverErrors = 0;

  constructor(options: RequestWindowOptions = {}) {
    const { capacity = 4096, windowMs = 60_000, clock = Date.now } = options;
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`RequestWindow: capacity must be an integer >= 1, got ${capacity}`);
    if (!(windowMs >= 1000)) throw new RangeError(`RequestWindow: windowMs must be at least 1000, got ${windowMs}`);
    this.windowMs = windowMs;
    this.#capacity = capacity;
    this.#clock = clock;
    this.#at = new Float64Array(capacity);
    this.#durationMs = new Float32Array(capacity);
    this.#status = new Uint16Array(capacity);
    this.#route = new Uint16Array(capacity);
  }

  /** Records one finished request. */
  record(route: string, durationMs: number, status: number): void {
    const now = this.#clock();
    if (this.#total === 0) this.#firstAt = now - durationMs;
    const i = this.#next;
    this.#at[i] = now;
    this.#durationMs[i] = durationMs;
    this.#status[i] = status;
    const id = this.#intern(route);
    this.#route[i] = id;
    this.#next = (i + 1) % this.#capacity;
    if (this.#size < this.#capacity) this.#size++;
    this.#total++;
    if (status >= 500) {
      this.#serverErrors++;
      this.#routeErrors[id]!++;
    }
  }

  /** Figures of the requests in the window whose route passes `routes` (all when absent). */
  figures(routes?: ReadonlySet<string>): WindowFigures {
    const now = this.#clock();
    const from = now - this.windowMs;
    const durations: number[] = [];
    let errors = 0;
    for (let k = 0; k < this.#size; k++) {
      const i = (this.#next - 1 - k + this.#capacity) % this.#capacity;
      if (this.#at[i]! < from) break; // newest first: the rest is older
      if (routes && !routes.has(this.#routeNames[this.#route[i]!]!)) continue;
      durations.push(this.#durationMs[i]!);
      if (this.#status[i]! >= 500) errors++;
    }
    const seconds = Math.max(1, Math.min(this.windowMs, now - this.#firstAt) / 1000);
    return {
      count: durations.length,
      rate: round(durations.length / seconds),
      error_rate: durations.length ? round((errors / durations.length) * 100) : 0,
      latency_ms: latency(durations),
      window_seconds: round(seconds),
    };
  }

  /** Requests and 5xx answers since start. */
  totals(): { requests: number; server_errors: number } {
    return { requests: this.#total, server_errors: this.#serverErrors };
  }

  /** 5xx answers since start on `routes`. */
  serverErrors(routes: Iterable<string>): number {
    let n = 0;
    for (const route of routes) {
      const id = this.#routeIds.get(route);
      if (id !== undefined) n += this.#routeErrors[id]!;
    }
    return n;
  }

  #intern(route: string): number {
    let id = this.#routeIds.get(route);
    if (id === undefined) {
      // Beyond the bound (a framework bug naming raw paths) requests count under ''.
      if (this.#routeNames.length >= MAX_ROUTES) return 0;
      id = this.#routeNames.length;
      this.#routeIds.set(route, id);
      this.#routeNames.push(route);
    }
    return id;
  }
}

function latency(values: number[]): LatencyFigures | null {
  if (!values.length) return null;
  values.sort((a, b) => a - b);
  // Nearest rank, as a reader of "p95 = 95% of requests took at most this" expects.
  const at = (q: number) => values[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!;
  return {
    avg: round(values.reduce((a, b) => a + b, 0) / values.length),
    min: round(values[0]!),
    max: round(values.at(-1)!),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
  };
}
