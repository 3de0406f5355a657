// The metrics summary (seed 003 shape: current/average/min/max per metric) and the health score.
import type { Threshold } from '../rules/types.js';
import type { PerformanceSnapshot } from './monitor.js';

/** current/average/min/max of one metric over the history. */
export interface MetricSummary {
  current: number | null;
  average: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  timestamp: string | null;
}

/** Summarises `field` over `history`, ignoring points where it was unknown. */
export function summarise(history: PerformanceSnapshot[], field: keyof PerformanceSnapshot, unit: string): MetricSummary {
  const values = history.map((s) => s[field]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const last = history.at(-1);
  if (!values.length) return { current: null, average: null, min: null, max: null, unit, timestamp: last?.timestamp ?? null };
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    current: r(values.at(-1)!),
    average: r(values.reduce((a, b) => a + b, 0) / values.length),
    min: r(Math.min(...values)),
    max: r(Math.max(...values)),
    unit,
    timestamp: last?.timestamp ?? null,
  };
}

// Which snapshot field each shipped threshold is scored against; other thresholds do not count.
const SCORED: Record<string, keyof PerformanceSnapshot> = {
  cpu_usage: 'cpu_usage',
  memory_usage: 'memory_usage',
  error_rate: 'error_rate',
  api_response_time: 'latency_p95_ms',
  cache_hit_rate: 'cache_hit_rate',
  queue_size: 'batch_queue_size',
};

/**
 * 0..100: starts at 100 and loses 10 per warning-level breach and 25 per critical one among
 * the scored thresholds, and 5 per firing alert (capped), so one bad reading never reads as 0.
 */
export function healthScore(snapshot: PerformanceSnapshot | undefined, thresholds: Threshold[], firingAlerts: number): number {
  let score = 100 - Math.min(30, firingAlerts * 5);
  if (snapshot) {
    for (const t of thresholds) {
      const field = SCORED[t.name];
      if (!field) continue;
      const v = snapshot[field];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      const beyond = (level: number) => (t.direction === 'above' ? v > level : v < level);
      if (beyond(t.critical)) score -= 25;
      else if (beyond(t.warning)) score -= 10;
    }
  }
  return Math.max(0, Math.round(score * 10) / 10);
}
