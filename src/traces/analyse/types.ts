// What the trace analysers produce and share: seed 003's recommendation shape (the same
// fields as the rules service's recommendations, so they merge into one list), plus the
// example traces that show the problem.
import { createHash } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import type { RecommendationSpec } from '../../rules/types.js';
import type { StoredSpan } from '../span-record.js';

/** A recommendation derived from traces: the rules service's recommendation fields plus evidence. */
export interface TraceRecommendation
  extends Pick<RecommendationSpec, 'priority' | 'title' | 'description' | 'impact' | 'effort' | 'implementation'> {
  /** Stable for one finding (detector, route and what was found), so a UI can key on it. */
  id: string;
  category: 'database' | 'latency' | 'cache';
  created_at: string;
  /** Why it is shown: the evidence in one line. */
  reason: string;
  /** Up to three trace ids that show it, slowest first. */
  example_traces: string[];
}

/** Options of the analysers. */
export interface AnalyseOptions {
  /** Only traces started at or after this epoch ms. @defaultValue the last 15 minutes */
  sinceMs?: number;
  /** Most recent traces examined. @defaultValue 1000 */
  maxTraces?: number;
  /** Repeats of one statement in one trace that make an N+1. @defaultValue 3 */
  minRepeats?: number;
  /** Least time sequential calls must take together to be reported. @defaultValue 10 */
  minSequentialMs?: number;
  /** Least share of a route's request time spent computing after cache misses. @defaultValue 0.5 */
  minMissShare?: number;
  /** Least traces of a route before a cache finding is made. @defaultValue 5 */
  minTraces?: number;
  /** Clock. @defaultValue Date.now */
  now?: () => number;
}

/** The statement text of a database span (new and old semantic conventions). */
export function statementOf(s: StoredSpan): string | undefined {
  const v = s.attributes['db.query.text'] ?? s.attributes['db.statement'];
  return typeof v === 'string' ? v : undefined;
}

/** True for an outgoing call: a CLIENT span, or a database span of any kind. */
export function isCall(s: StoredSpan): boolean {
  return s.kind === SpanKind.CLIENT || s.attributes['db.system.name'] !== undefined || s.attributes['db.system'] !== undefined;
}

/**
 * True for taking a connection (`pg-pool.connect`, `redis-connect`, `tcp.connect`): whatever
 * runs on the connection needs it first, so it never belongs in a run of independent calls.
 */
export function isConnect(s: StoredSpan): boolean {
  return /(?:^|[.\-_ :])connect$/i.test(s.name) || s.attributes['db.operation.name'] === 'connect';
}

/** A short stable id for a finding. */
export const findingId = (detector: string, ...parts: string[]): string =>
  `trace-${detector}-${createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 12)}`;

/** `text` cut to `max` characters with an ellipsis. */
export const clip = (text: string, max = 120): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Milliseconds for prose: `12.3 ms`. */
export const ms = (v: number): string => `${v >= 100 ? Math.round(v) : Math.round(v * 10) / 10} ms`;

/** Keeps the `n` slowest example trace ids. */
export function examples(list: Array<{ traceId: string; durationMs: number }>, n = 3): string[] {
  return [...list].sort((a, b) => b.durationMs - a.durationMs).slice(0, n).map((e) => e.traceId);
}
