// The figures `npm run bench` writes to bench/results/, read back as one flat list for the
// regression guard, each with the way that is better. Pure: callers read the files.
import type { Figure } from './baseline.js';

/** A load scenario's result as bench/run.ts writes it. */
interface ScenarioResult {
  id?: string;
  rps: number;
  p95_ms: number;
  p99_ms: number;
}

/** bench/results/latest.json */
export interface ApiResults {
  seconds?: number;
  connections?: number;
  results: ScenarioResult[];
  ratios: Record<string, number>;
}

/** bench/results/rules-eval.json */
export interface RulesEvalResults {
  median_tick_ms: number;
}

/** bench/results/trace-store.json */
export interface TraceStoreResults {
  micro?: { traces_per_s_noop_processor: number; traces_per_s_trace_store: number };
  http?: { throughput_kept: number; p99_ratio: number } | null;
}

const higher = (name: string, value: number): Figure => ({ name, value, better: 'higher' });
const lower = (name: string, value: number): Figure => ({ name, value, better: 'lower' });

// A ratio of latencies (`telemetry_p99_ratio`) is better low; throughput ratios (`_kept`,
// `_speedup`) are better high.
const latencyRatio = /_p\d+_ratio$/;

/** Per scenario (with an id): rps, p95, p99; then every ratio. */
export function apiFigures(api: ApiResults): Figure[] {
  const out: Figure[] = [];
  for (const r of api.results) {
    if (!r.id) continue; // written before scenarios had ids
    out.push(higher(`api.${r.id}.rps`, r.rps), lower(`api.${r.id}.p95_ms`, r.p95_ms), lower(`api.${r.id}.p99_ms`, r.p99_ms));
  }
  for (const [name, value] of Object.entries(api.ratios)) {
    if (Number.isFinite(value)) out.push(latencyRatio.test(name) ? lower(`api.${name}`, value) : higher(`api.${name}`, value));
  }
  return out;
}

/** The median tick, and the same as ticks per second (the guarded throughput). */
export function rulesFigures(rules: RulesEvalResults): Figure[] {
  return [lower('rules.median_tick_ms', rules.median_tick_ms), higher('rules.ticks_per_s', Math.round((1000 / rules.median_tick_ms) * 100) / 100)];
}

/** Traces per second through the micro bench, and the HTTP ratios when that part ran. */
export function traceStoreFigures(t: TraceStoreResults): Figure[] {
  const out: Figure[] = [];
  if (t.micro) {
    out.push(higher('trace_store.micro_traces_per_s', t.micro.traces_per_s_trace_store));
    out.push(higher('trace_store.micro_noop_traces_per_s', t.micro.traces_per_s_noop_processor));
  }
  if (t.http) out.push(higher('trace_store.throughput_kept', t.http.throughput_kept), lower('trace_store.p99_ratio', t.http.p99_ratio));
  return out;
}

/** bench/results/start.json */
export interface StartResults {
  empty_ms: number;
  seeded_ms: number;
}

/** `npm start` until /readyz, on an empty and on a seeded database (medians). */
export function startFigures(start: StartResults): Figure[] {
  return [lower('start.empty_ms', start.empty_ms), lower('start.seeded_ms', start.seeded_ms)];
}
