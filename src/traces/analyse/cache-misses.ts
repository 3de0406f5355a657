// Requests dominated by cache misses: a route whose request time goes mostly to computing
// values after `cache.get` missed. Better hit rates (warm-up, longer TTLs, coarser keys) pay
// there more than faster code.
import type { TraceEntry } from '../entry.js';
import { routeOf } from '../query.js';
import { examples, findingId, ms, type TraceRecommendation } from './types.js';

interface RouteTally {
  route: string;
  traces: number;
  totalMs: number;
  missed: Array<{ traceId: string; durationMs: number }>;
  /** Request time after the misses, in the traces the miss dominated. */
  computeMs: number;
  hitMs: number;
  hits: number;
}

/** Time from the last missing `cache.get`'s end to the root's end, or undefined for a trace without a miss. */
export function computeAfterMiss(t: TraceEntry): number | undefined {
  let missEnd: number | undefined;
  for (const s of t.spans) {
    if (s.attributes['cache.hit'] !== false || s.attributes['cache.coalesced'] === true) continue;
    if (missEnd === undefined || s.endMs > missEnd) missEnd = s.endMs;
  }
  return missEnd === undefined || !t.root ? undefined : Math.max(0, t.root.endMs - missEnd);
}

/** Recommendations for routes where at least `minShare` of the request time follows cache misses. */
export function cacheMisses(traces: TraceEntry[], minShare: number, minTraces: number, now: string): TraceRecommendation[] {
  const routes = new Map<string, RouteTally>();
  for (const t of traces) {
    const route = routeOf(t);
    const r = routes.get(route) ?? { route, traces: 0, totalMs: 0, missed: [], computeMs: 0, hitMs: 0, hits: 0 };
    routes.set(route, r);
    r.traces++;
    r.totalMs += t.durationMs;
    const compute = computeAfterMiss(t);
    if (compute === undefined) {
      if (t.spans.some((s) => s.attributes['cache.hit'] === true)) {
        r.hits++;
        r.hitMs += t.durationMs;
      }
      continue;
    }
    if (compute < t.durationMs / 2) continue;
    r.missed.push({ traceId: t.traceId, durationMs: t.durationMs });
    r.computeMs += compute;
  }
  const out: TraceRecommendation[] = [];
  for (const r of routes.values()) {
    const share = r.totalMs > 0 ? r.computeMs / r.totalMs : 0;
    if (r.traces < minTraces || r.missed.length === 0 || share < minShare) continue;
    const avgMiss = r.missed.reduce((a, m) => a + m.durationMs, 0) / r.missed.length;
    const hitNote = r.hits > 0 ? ` vs ${ms(r.hitMs / r.hits)} for a hit` : '';
    out.push({
      id: findingId('cache-miss', r.route),
      category: 'cache',
      priority: share >= 0.8 ? 'high' : 'medium',
      title: `Cache misses dominate ${r.route}`,
      description:
        `${Math.round(share * 100)}% of the request time of ${r.route} in ${r.traces} recent request(s) went to computing values ` +
        `after a cache miss; ${r.missed.length} request(s) missed, taking ${ms(avgMiss)} on average${hitNote}.`,
      impact: `Each request turned from a miss into a hit saves about ${ms(avgMiss - (r.hits > 0 ? r.hitMs / r.hits : 0))}`,
      effort: 'low',
      implementation:
        'Warm the hot keys (POST /api/v1/performance/cache/preload, or a request replay at start), raise CACHE_DEFAULT_TTL for values that change slowly, or make keys coarser (round timestamps) so more requests share an entry',
      created_at: now,
      reason: `${Math.round(share * 100)}% of request time after cache misses (${r.missed.length}/${r.traces} requests)`,
      example_traces: examples(r.missed),
    });
  }
  return out.sort((a, b) => (a.priority === b.priority ? 0 : a.priority === 'high' ? -1 : 1));
}
