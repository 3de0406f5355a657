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
}

/** Runs one scenario with a progress bar, returns its figures. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const bar = progressBar(o.scenario.padEnd(28));
  const started = Date.now();
  const ticker = setInterval(() => bar.update(Math.min(o.seconds, Math.round((Date.now() - started) / 1000)), o.seconds), 1000);
  try {
    // Every response time is kept, so p95 is exact (autocannon's own summary has no p95).
    const times: number[] = [];
    let instance!: autocannon.Instance;
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      instance = autocannon(
        {
          url: o.url,
          connections: o.connections,
          duration: o.seconds,
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
        (err, result) => (err ? reject(err) : resolve(result)),
      );
    });
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
    const result = await finished;
    times.sort((a, b) => a - b);
    const total = result.requests.total;
    const errors = result.errors + result.timeouts + result.non2xx;
    return {
      scenario: o.scenario,
      requests: total,
      rps: Math.round(total / o.seconds),
      p50_ms: quantile(times, 0.5),
      p95_ms: quantile(times, 0.95),
      p99_ms: quantile(times, 0.99),
      error_rate_pct: total ? Math.round((errors / total) * 100_000) / 1000 : 0,
      non2xx: result.non2xx,
      peak_rss_mb: o.peakRssMb(),
    };
  } finally {
    clearInterval(ticker);
    bar.done();
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 100) / 100 : 0;
