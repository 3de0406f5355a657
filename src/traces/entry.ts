// A trace being assembled or kept, and the tiers that order traces for eviction.
import type { StoredSpan } from './span-record.js';

/** Where a trace lives: `open` until its root ends, then `fast`, or `retained` when slow or failed. */
export type TierName = 'open' | 'fast' | 'retained';

/** Why a retained trace is kept longer. */
export type RetainReason = 'slow' | 'error';

/** The spans of one trace seen so far. */
export class TraceEntry {
  readonly spans: StoredSpan[] = [];
  /** The local root once it has ended. */
  root: StoredSpan | undefined;
  bytes = 64;
  failed = false;
  /** Spans not kept because the trace reached maxSpansPerTrace. */
  droppedSpans = 0;
  tier: TierName = 'open';
  reason: RetainReason | undefined;

  constructor(readonly traceId: string) {}

  add(span: StoredSpan): void {
    this.spans.push(span);
    this.bytes += span.bytes;
    if (span.failed) this.failed = true;
    // Of two local roots (one service called twice in one distributed trace) the earlier wins.
    if (span.isRoot && (!this.root || span.startMs < this.root.startMs)) this.root = span;
  }

  /** Duration of the root span, in ms (0 before it ended). */
  get durationMs(): number {
    return this.root ? this.root.endMs - this.root.startMs : 0;
  }
}

/** Traces of one tier, oldest first (a Map keeps insertion order), with their byte total. */
export class Tier {
  readonly traces = new Map<string, TraceEntry>();
  bytes = 0;

  constructor(readonly name: TierName) {}

  add(t: TraceEntry): void {
    t.tier = this.name;
    this.traces.set(t.traceId, t);
    this.bytes += t.bytes;
  }

  remove(t: TraceEntry): void {
    if (this.traces.delete(t.traceId)) this.bytes -= t.bytes;
  }

  oldest(): TraceEntry | undefined {
    return this.traces.values().next().value;
  }

  /** True when this tier holds more than its share of the count or byte budget. */
  over(maxCount: number, maxBytes: number): boolean {
    return this.traces.size > maxCount || this.bytes > maxBytes;
  }
}
