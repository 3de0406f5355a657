// One load run against a started server, reduced to the figures we report: autocannon for
// requests built one by one (new keys, bodies), wrk for a cycle of GET paths when it is
// installed. Both share the server's two cores; autocannon, a Node process, took about one of
// them to make 7,000 cache hits a second, so the server's rate was the load generator's; wrk
// (C, one thread) needs a fraction of that.
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { progressBar } from '../../src/cli/progress.js';
import { repoRoot } from '../../test/helpers/spawn-server.js';

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
  /** The program that made the load. */
  load_generator: 'autocannon' | 'wrk';
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
export function runLoad(o: LoadOptions): Promise<LoadResult> {
  return withProgress(o, async () => {
    if (o.warmupSeconds) await cannon(o, o.warmupSeconds);
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
      load_generator: 'autocannon',
    };
  });
}

/** Options of {@link runGetCycle}: GET requests of `paths`, in turn. */
export type GetCycleOptions = Omit<LoadOptions, 'request'> & { paths: readonly string[] };

/**
 * GET requests cycling over `paths`: with wrk when it is on the PATH (BENCH_LOAD=autocannon
 * forces autocannon), else with autocannon. The result names the generator used.
 */
export function runGetCycle(o: GetCycleOptions): Promise<LoadResult> {
  if (!wrkInstalled()) {
    let i = 0;
    return runLoad({ ...o, request: () => ({ method: 'GET', path: o.paths[i++ % o.paths.length]! }) });
  }
  return withProgress(o, async () => {
    if (o.warmupSeconds) await wrk(o, o.warmupSeconds);
    const r = await wrk(o, o.seconds);
    const errors = r.socket_errors + r.timeouts + r.non2xx;
    const ms = (us: number) => Math.round(us / 10) / 100;
    return {
      scenario: o.scenario,
      requests: r.requests,
      rps: Math.round(r.requests / (r.duration_us / 1e6)),
      p50_ms: ms(r.p50_us),
      p95_ms: ms(r.p95_us),
      p99_ms: ms(r.p99_us),
      error_rate_pct: r.requests ? Math.round((errors / r.requests) * 100_000) / 1000 : 0,
      errors,
      non2xx: r.non2xx,
      peak_rss_mb: o.peakRssMb(),
      load_generator: 'wrk',
    };
  });
}

// A progress bar over the run's seconds (warm-up included) while `run` loads.
async function withProgress(o: Pick<LoadOptions, 'scenario' | 'seconds' | 'warmupSeconds'>, run: () => Promise<LoadResult>): Promise<LoadResult> {
  const bar = progressBar(o.scenario.padEnd(28));
  const total = (o.warmupSeconds ?? 0) + o.seconds;
  const started = Date.now();
  const ticker = setInterval(() => bar.update(Math.min(total, Math.round((Date.now() - started) / 1000)), total), 1000);
  try {
    return await run();
  } finally {
    clearInterval(ticker);
    bar.done();
  }
}

let wrkFound: boolean | undefined;
function wrkInstalled(): boolean {
  if (process.env.BENCH_LOAD === 'autocannon') return false;
  if (wrkFound === undefined) {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' });
      wrkFound = true;
    } catch (err) {
      // wrk --version prints its version and exits with 1: only a missing program is missing.
      wrkFound = (err as NodeJS.ErrnoException).code !== 'ENOENT';
    }
    if (!wrkFound) console.error('wrk is not installed (Debian: apt-get install wrk): GET scenarios use autocannon');
  }
  return wrkFound;
}

/** What bench/lib/wrk-cycle.lua writes when a run ends. */
interface WrkFigures {
  requests: number;
  duration_us: number;
  p50_us: number;
  p95_us: number;
  p99_us: number;
  socket_errors: number;
  timeouts: number;
  non2xx: number;
}

const execFileAsync = promisify(execFile);

// One thread: on two cores the other one is the server's.
async function wrk(o: GetCycleOptions, seconds: number): Promise<WrkFigures> {
  const script = path.join(repoRoot, 'bench/lib/wrk-cycle.lua');
  const args = ['-t1', `-c${o.connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', script, o.url, '--', ...o.paths];
  const { stdout } = await execFileAsync('wrk', args, { maxBuffer: 16 * 1024 * 1024 });
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as WrkFigures;
  } catch {
    throw new Error(`wrk printed no figures:\n${stdout}`);
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
