// One load run with autocannon against a started server, reduced to the figures we report.
import autocannon from 'autocannon';
import { progressBar } from '../../src/cli/progress.js';

/** What one scenario measured. */
export interface LoadResult {
  scenario: string;
  requests: number;
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  error_rate_pct: number;
  /** Socket errors, timeouts and non-2xx responses. */
  errors: number;
  non2xx: number;
  peak_rss_mb: number;
}

/** Options of {@link runLoad}. */
export interface LoadOptions {
  scenario: string;
  url: string;
  connections: number;
  seconds: number;
  /** Builds each request; autocannon calls it per request (cycling the URL space or making a new key). */
  request: () => { method: 'GET' | 'POST'; path: string; body?: string };
  /** Reads the server's peak RSS in MB at the end. */
  peakRssMb: () => number;
  /** Seconds of unmeasured load first (JIT, pools, caches). @defaultValue 0 */
  warmupSeconds?: number;
}

/** Runs one scenario with a progress bar, returns its figures. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const bar = progressBar(o.scenario.padEnd(28));
  const warmup = o.warmupSeconds ?? 0;
  const total = warmup + o.seconds;
  const started = Date.now();
  const ticker = setInterval(() => bar.update(Math.min(total, Math.round((Date.now() - started) / 1000)), total), 1000);
  try {
    if (warmup > 0) await cannon(o, warmup);
    // Every response time is kept, so p95 is exact (autocannon's own summary has no p95).
    const times: number[] = [];
    const result = await cannon(o, o.seconds, (ms) => times.push(ms));
    times.sort((a, b) => a - b);
    const requests = result.requests.total;
    const errors = result.errors + result.timeouts + result.non2xx;
    return {
      scenario: o.scenario,
      requests,
      rps: Math.round(requests / o.seconds),
      p50_ms: quantile(times, 0.5),
      p95_ms: quantile(times, 0.95),
      p99_ms: quantile(times, 0.99),
      error_rate_pct: requests ? Math.round((errors / requests) * 100_000) / 1000 : 0,
      errors,
      non2xx: result.non2xx,
      peak_rss_mb: o.peakRssMb(),
    };
  } finally {
    clearInterval(ticker);
    bar.done();
  }
}

/** One autocannon run of `seconds` with the requests of `o`, calling `onResponse` with each response time. */
function cannon(o: LoadOptions, seconds: number, onResponse?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        connections: o.connections,
        duration: seconds,
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (req) => {
              const r = o.request();
              return { ...req, method: r.method, path: r.path, body: r.body };
            },
          },
        ],
      },
      (err, result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result)),
    );
    if (onResponse) instance.on('response', (_client, _status, _bytes, ms) => onResponse(ms));
  });
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100 : 0;
