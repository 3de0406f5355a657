// Sequential calls that could overlap: under one parent, outgoing calls (CLIENT or database
// spans) that run one after another without overlapping. If they do not depend on each
// other, running them concurrently saves all but the longest.
import type { TraceEntry } from '../entry.js';
import { routeOf } from '../query.js';
import type { StoredSpan } from '../span-record.js';
import { examples, findingId, isCall, isConnect, ms, statementOf, type TraceRecommendation } from './types.js';

interface Finding {
  route: string;
  parent: string;
  calls: string[];
  traces: Array<{ traceId: string; durationMs: number }>;
  savedMs: number;
}

// The SDK starts a span at a millisecond wall clock and ends it at start plus a high-resolution
// delta, so back-to-back calls can appear to overlap by up to 1 ms: that much is not overlap.
const EPSILON_MS = 1;
const TRANSACTION = /^\s*(pg\.query:)?(BEGIN|START TRANSACTION)\b/i;

/** Runs of two or more calls under one parent, each starting after the previous ended. */
export function sequentialRuns(children: StoredSpan[]): StoredSpan[][] {
  const calls = children.filter((s) => isCall(s) && !isConnect(s)).sort((a, b) => a.startMs - b.startMs);
  // Statements of one transaction run on one connection, one after another by necessity.
  if (calls.some((s) => TRANSACTION.test(statementOf(s) ?? s.name))) return [];
  const runs: StoredSpan[][] = [];
  let run: StoredSpan[] = [];
  for (const c of calls) {
    const prev = run[run.length - 1];
    if (prev && c.startMs + EPSILON_MS >= prev.endMs) run.push(c);
    else {
      if (run.length >= 2) runs.push(run);
      run = [c];
    }
  }
  if (run.length >= 2) runs.push(run);
  // One statement repeated is an N+1, reported (with a better fix) by the repeated-query detector.
  return runs.filter((r) => new Set(r.map((s) => statementOf(s) ?? s.name)).size > 1);
}

/** Recommendations for sequential sibling calls taking at least `minMs` together. */
export function sequentialCalls(traces: TraceEntry[], minMs: number, now: string): TraceRecommendation[] {
  const findings = new Map<string, Finding>();
  for (const t of traces) {
    const byParent = new Map<string, StoredSpan[]>();
    for (const s of t.spans) {
      if (s.parentSpanId === undefined) continue;
      const list = byParent.get(s.parentSpanId);
      if (list) list.push(s);
      else byParent.set(s.parentSpanId, [s]);
    }
    const names = new Map(t.spans.map((s) => [s.spanId, s.name]));
    for (const [parentId, children] of byParent) {
      for (const run of sequentialRuns(children)) {
        const durations = run.map((s) => s.endMs - s.startMs);
        const total = durations.reduce((a, b) => a + b, 0);
        if (total < minMs) continue;
        const route = routeOf(t);
        const parent = names.get(parentId) ?? 'remote parent';
        const calls = run.map((s) => s.name);
        const key = [route, parent, ...calls].join('\u0000');
        const f = findings.get(key) ?? { route, parent, calls, traces: [], savedMs: 0 };
        f.traces.push({ traceId: t.traceId, durationMs: t.durationMs });
        f.savedMs += total - Math.max(...durations);
        findings.set(key, f);
      }
    }
  }
  return [...findings.values()]
    .sort((a, b) => b.savedMs - a.savedMs)
    .slice(0, 5)
    .map((f) => {
      const saving = f.savedMs / f.traces.length;
      return {
        id: findingId('sequential', f.route, f.parent, ...f.calls),
        category: 'latency',
        priority: saving >= 50 ? 'high' : saving >= 10 ? 'medium' : 'low',
        title: `${f.calls.length} sequential calls in ${f.route} could run in parallel`,
        description:
          `In ${f.traces.length} recent request(s) to ${f.route}, ${f.parent} makes these calls one after another: ` +
          `${f.calls.join(' → ')}. If they do not depend on each other, they can overlap.`,
        impact: `Up to ${ms(saving)} less latency per request (all but the longest call)`,
        effort: 'low',
        implementation: 'Start the independent calls together and await them with Promise.all; keep sequential only the calls that need an earlier result',
        created_at: now,
        reason: `${f.calls.length} non-overlapping calls under one parent, ${ms(saving)} saveable on average`,
        example_traces: examples(f.traces),
      } satisfies TraceRecommendation;
    });
}
