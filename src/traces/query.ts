// Listing and exemplar queries over finished traces: filters, summaries, ordering.
import { SpanKind } from '@opentelemetry/api';
import type { TraceEntry } from './entry.js';

/** Filters of {@link TraceStore.list}. */
export interface TraceQuery {
  /** Only traces whose root has this `http.route` (or, without one, this root span name). */
  route?: string;
  /** Only traces whose root lasted at least this long. */
  minDurationMs?: number;
  /** `error`: only failed traces; `ok`: only traces without a failed span. */
  status?: 'error' | 'ok';
  /** Only traces started at or after this epoch ms. */
  since?: number;
  /** Most summaries returned. @defaultValue 20 */
  limit?: number;
  /** `slowest` first, or most `recent` first. @defaultValue 'slowest' */
  order?: 'slowest' | 'recent';
  /** `server`: only traces whose root is an incoming request (a SERVER span); `background`: the others. */
  kind?: 'server' | 'background';
}

/** One line of the trace list. */
export interface TraceSummary {
  traceId: string;
  /** Name of the root span, e.g. `GET /api/v1/forecast/:city/:date`. */
  rootName: string;
  /** The root's `http.route`, else its name. */
  route: string;
  durationMs: number;
  spanCount: number;
  error: boolean;
  /** ISO start time of the root. */
  startTime: string;
  /** Why the trace is kept longer (`slow`, `error`), or null for an ordinary recent trace. */
  retained: 'slow' | 'error' | null;
}

/** An example trace for an alert. */
export interface TraceExemplar {
  traceId: string;
  durationMs: number;
}

/** The route of a trace: the root's `http.route`, else the root span's name. */
export function routeOf(t: TraceEntry): string {
  const r = t.root?.attributes['http.route'];
  return typeof r === 'string' ? r : (t.root?.name ?? '');
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** Summary of a finished trace. */
export function summarise(t: TraceEntry): TraceSummary {
  const root = t.root!;
  return {
    traceId: t.traceId,
    rootName: root.name,
    route: routeOf(t),
    durationMs: round(t.durationMs),
    spanCount: t.spans.length + t.droppedSpans,
    error: t.failed,
    startTime: new Date(root.startMs).toISOString(),
    retained: t.reason ?? null,
  };
}

/** Filters and orders `traces`; only the `limit` best are summarised. */
export function listTraces(traces: Iterable<TraceEntry>, q: TraceQuery): TraceSummary[] {
  const matches: TraceEntry[] = [];
  for (const t of traces) {
    if (!t.root) continue;
    if (q.route !== undefined && routeOf(t) !== q.route) continue;
    if (q.minDurationMs !== undefined && t.durationMs < q.minDurationMs) continue;
    if (q.status === 'error' && !t.failed) continue;
    if (q.status === 'ok' && t.failed) continue;
    if (q.since !== undefined && t.root.startMs < q.since) continue;
    if (q.kind !== undefined && (t.root.kind === SpanKind.SERVER) !== (q.kind === 'server')) continue;
    matches.push(t);
  }
  if (q.order === 'recent') matches.sort((a, b) => b.root!.startMs - a.root!.startMs);
  else matches.sort((a, b) => b.durationMs - a.durationMs);
  return matches.slice(0, q.limit ?? 20).map(summarise);
}

/** The slowest finished trace started within the window, optionally of one route. */
export function slowest(traces: Iterable<TraceEntry>, w: { route?: string; sinceMs: number; untilMs: number }): TraceExemplar | undefined {
  let best: TraceEntry | undefined;
  for (const t of traces) {
    if (!t.root || t.root.startMs < w.sinceMs || t.root.startMs > w.untilMs) continue;
    if (w.route !== undefined && routeOf(t) !== w.route) continue;
    if (!best || t.durationMs > best.durationMs) best = t;
  }
  return best && { traceId: best.traceId, durationMs: round(best.durationMs) };
}
