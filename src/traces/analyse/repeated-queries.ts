// N+1 detection: one request running the same database statement again and again, usually a
// loop issuing one query per item where one query for all items would do.
import type { TraceEntry } from '../entry.js';
import { routeOf } from '../query.js';
import { clip, examples, findingId, ms, statementOf, type TraceRecommendation } from './types.js';

interface Finding {
  route: string;
  statement: string;
  traces: Array<{ traceId: string; durationMs: number }>;
  maxRepeats: number;
  /** Time in the repeated statement, summed over the traces. */
  spentMs: number;
}

/** Recommendations for statements repeated at least `minRepeats` times within one trace. */
export function repeatedQueries(traces: TraceEntry[], minRepeats: number, now: string): TraceRecommendation[] {
  const findings = new Map<string, Finding>();
  for (const t of traces) {
    const perStatement = new Map<string, { count: number; ms: number }>();
    for (const s of t.spans) {
      const text = statementOf(s);
      if (text === undefined) continue;
      const e = perStatement.get(text) ?? { count: 0, ms: 0 };
      e.count++;
      e.ms += s.endMs - s.startMs;
      perStatement.set(text, e);
    }
    for (const [statement, e] of perStatement) {
      if (e.count < minRepeats) continue;
      const route = routeOf(t);
      const key = `${route}\u0000${statement}`;
      const f = findings.get(key) ?? { route, statement, traces: [], maxRepeats: 0, spentMs: 0 };
      f.traces.push({ traceId: t.traceId, durationMs: t.durationMs });
      f.maxRepeats = Math.max(f.maxRepeats, e.count);
      f.spentMs += e.ms;
      findings.set(key, f);
    }
  }
  return [...findings.values()]
    .sort((a, b) => b.spentMs - a.spentMs)
    .slice(0, 5)
    .map((f) => {
      const perRequest = f.spentMs / f.traces.length;
      return {
        id: findingId('n-plus-one', f.route, f.statement),
        category: 'database',
        priority: f.maxRepeats >= 10 || perRequest >= 50 ? 'high' : 'medium',
        title: `Repeated query in ${f.route}: up to ${f.maxRepeats} times per request`,
        description:
          `In ${f.traces.length} recent request(s) to ${f.route} the same statement ran ${f.maxRepeats} times or more ` +
          `within one request (an N+1 pattern): ${clip(f.statement)}`,
        impact: `About ${ms(perRequest)} per request is spent in the repeated statement, and each repeat costs a round trip and a pool connection`,
        effort: 'medium',
        implementation:
          'Fetch all rows in one statement (WHERE id = ANY($1), or a JOIN) instead of one per item, or load once per request and reuse the result; cache it when requests share it',
        created_at: now,
        reason: `statement repeated up to ${f.maxRepeats}x in one trace (${f.traces.length} trace(s))`,
        example_traces: examples(f.traces),
      } satisfies TraceRecommendation;
    });
}
