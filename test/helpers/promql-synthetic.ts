// Deterministic synthetic series for tests and benchmarks, described in promtool's expanding
// notation (`a+bxN`, `_xN`, `stale`) so that the very same data can be loaded into the
// embedded store and into `promtool test rules`. Used by the differential test and the rules
// benchmark; not part of the package.
import { mulberry32 } from '../../src/prediction/prng.js';
import { labelsKey } from '../../src/rules/scrape/labels.js';
import type { SeriesStore } from '../../src/rules/scrape/store.js';
import type { Labels } from '../../src/rules/types.js';

/** A run of values: `start+incxsteps` (steps + 1 values), `_xomit` (omit gaps), or one `stale` marker. */
export type Segment = { start: number; inc: number; steps: number } | { omit: number } | { stale: true };

/** One series: labels (with `__name__`) and its segments, one value per interval from time 0. */
export interface SeriesSpec {
  labels: Labels;
  segments: Segment[];
}

/** Value at each step: a number, null for a gap, 'stale' for a staleness marker. */
export function expandSpec(spec: SeriesSpec): Array<number | null | 'stale'> {
  const out: Array<number | null | 'stale'> = [];
  for (const s of spec.segments) {
    if ('stale' in s) out.push('stale');
    else if ('omit' in s) for (let i = 0; i < s.omit; i++) out.push(null);
    else {
      // Cumulative addition, as promtool expands it (and so rounds it).
      let v = s.start;
      out.push(v);
      for (let i = 1; i <= s.steps; i++) out.push((v += s.inc));
    }
  }
  return out;
}

/** The series' values in promtool's notation. */
export function specNotation(spec: SeriesSpec): string {
  return spec.segments
    .map((s) => {
      if ('stale' in s) return 'stale';
      if ('omit' in s) return `_x${s.omit}`;
      return `${s.start}${s.inc < 0 ? '-' : '+'}${Math.abs(s.inc)}x${s.steps}`;
    })
    .join(' ');
}

/** Loads specs into `store`, step i at `startMs + i * intervalMs`. */
export function ingestSpecs(store: SeriesStore, specs: readonly SeriesSpec[], intervalMs: number, startMs = 0): void {
  for (const spec of specs) {
    const key = labelsKey(spec.labels);
    const series = store.seriesFor(spec.labels);
    if (!series) continue;
    expandSpec(spec).forEach((v, i) => {
      const t = startMs + i * intervalMs;
      if (v === 'stale') store.markStale(key, t);
      else if (v !== null) store.appendTo(series, t, v);
    });
  }
}

/** A small seeded PRNG (mulberry32, shared with the seed data), so generated data is the same on every run. */
export const prng = mulberry32;

/** Options of {@link generateFleet}. */
export interface FleetOptions {
  /** Series to generate (approximately; histograms come in whole bucket sets). @defaultValue 10_000 */
  series?: number;
  /** Samples per series. @defaultValue 240 (1 h at 15 s) */
  steps?: number;
  /** @defaultValue 1 */
  seed?: number;
}

const LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'];

/**
 * A service fleet's worth of series: per instance, request latency histograms and request
 * counters per endpoint/method/status (with an occasional counter reset), and gauges
 * (cache_hit_ratio, db_connection_pool_size, process_resident_memory_bytes).
 */
export function generateFleet(options: FleetOptions = {}): SeriesSpec[] {
  const { series = 10_000, steps = 240, seed = 1 } = options;
  const rnd = prng(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const endpoints = ['/api/v1/predict', '/api/v1/predict/batch', '/api/v1/forecast/:city/:date', '/api/v1/cities', '/healthz'];
  const statuses = ['200', '400', '500'];
  const out: SeriesSpec[] = [];
  for (let inst = 0; out.length < series; inst++) {
    const instance = `10.0.${inst >> 8}.${inst & 255}:9464`;
    const base = { job: 'foresight', instance };
    for (const endpoint of endpoints) {
      for (const status of statuses) {
        const labels = { ...base, endpoint, method: endpoint.includes('predict') ? 'POST' : 'GET', status };
        const rate = 1 + int(20);
        // Cumulative buckets: each bucket's increment is the previous one's plus a share.
        let inc = 0;
        for (const le of LE) {
          inc += int(rate);
          out.push({ labels: { __name__: 'request_latency_seconds_bucket', ...labels, le }, segments: counter(inc, steps, int) });
        }
        out.push({ labels: { __name__: 'request_latency_seconds_count', ...labels }, segments: counter(inc, steps, int) });
        out.push({ labels: { __name__: 'request_latency_seconds_sum', ...labels }, segments: counter(inc / 8, steps, int) });
        out.push({ labels: { __name__: 'request_total', ...labels }, segments: counter(inc, steps, int) });
      }
    }
    out.push({ labels: { __name__: 'cache_hit_ratio', ...base }, segments: [{ start: 0.5 + int(32) / 64, inc: -1 / 1024, steps }] });
    out.push({ labels: { __name__: 'db_connection_pool_size', ...base }, segments: [{ start: 10 + int(50), inc: int(3) - 1, steps }] });
    out.push({ labels: { __name__: 'process_resident_memory_bytes', ...base }, segments: [{ start: 2 ** 27, inc: 4096 * (1 + int(64)), steps }] });
  }
  return out.slice(0, series);
}

// A counter growing by `inc` per step, restarting from 0 once in a while (a process restart).
function counter(inc: number, steps: number, int: (n: number) => number): Segment[] {
  if (int(10) !== 0) return [{ start: int(1000), inc, steps }];
  const cut = 1 + int(steps - 2);
  return [{ start: int(1000), inc, steps: cut - 1 }, { start: 0, inc, steps: steps - cut }];
}
