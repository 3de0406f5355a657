// Trace-based recommendations: N+1 queries, sequential calls, cache-miss-dominated routes,
// from the finished traces in a store; merged by the rules service with its own.
import type { TraceEntry } from '../entry.js';
import { routeOf } from '../query.js';
import { cacheMisses } from './cache-misses.js';
import { repeatedQueries } from './repeated-queries.js';
import { sequentialCalls } from './sequential-calls.js';
import type { AnalyseOptions, TraceRecommendation } from './types.js';

export type { AnalyseOptions, TraceRecommendation } from './types.js';

/** Anything that yields finished traces (a {@link TraceStore}). */
export interface TraceSource {
  finished(): Iterable<TraceEntry>;
}

// The console's own polling and the performance API: foresight's requests, not the app's, and
// nothing a user of the app should be advised to change.
const OWN_ROUTE = /^\/(?:ui(?:\/|$)|api\/v1\/(?:performance|traces)(?:\/|$))/;

/** Runs the three detectors over the recent finished traces of `store` (foresight's own requests left out). */
export function analyseTraces(store: TraceSource, options: AnalyseOptions = {}): TraceRecommendation[] {
  const now = (options.now ?? Date.now)();
  const since = options.sinceMs ?? now - 15 * 60_000;
  const recent: TraceEntry[] = [];
  for (const t of store.finished()) if (t.root && t.root.startMs >= since && !OWN_ROUTE.test(routeOf(t))) recent.push(t);
  recent.sort((a, b) => b.root!.startMs - a.root!.startMs);
  const traces = recent.slice(0, options.maxTraces ?? 1000);
  const at = new Date(now).toISOString();
  return [
    ...repeatedQueries(traces, options.minRepeats ?? 3, at),
    ...sequentialCalls(traces, options.minSequentialMs ?? 10, at),
    ...cacheMisses(traces, options.minMissShare ?? 0.5, options.minTraces ?? 5, at),
  ];
}
