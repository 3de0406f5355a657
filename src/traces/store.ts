// The in-process trace store: a span processor that assembles ended spans into traces, in
// bounded memory (a trace count and a byte budget), with tail retention. A trace is `open`
// until its root ends; then it is `fast`, or `retained` when slow or failed. On overflow the
// oldest fast trace goes first, so slow and failed traces outlive heavy fast traffic; the
// retained and open tiers are each capped at a share of the budget so neither can starve
// the others (open traces whose root never ends, a flood of errors).
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { KEPT_ATTRIBUTE, SlowThreshold } from '../telemetry/slow-threshold.js';
import { Tier, TraceEntry } from './entry.js';
import { resolveTraceStoreOptions, type ResolvedTraceStoreOptions, type TraceStoreOptions } from './options.js';
import { buildDetail, type TraceDetail } from './tree.js';
import { listTraces, slowest, type TraceExemplar, type TraceQuery, type TraceSummary } from './query.js';
import { toStoredSpan } from './span-record.js';

/** Share of the budget that traces still waiting for their root may hold. */
const OPEN_SHARE = 0.25;

/** Counters and sizes of a store, for `/readyz`-style reporting and tests. */
export interface TraceStoreStats {
  traces: number;
  open: number;
  fast: number;
  retained: number;
  bytes: number;
  maxBytes: number;
  maxTraces: number;
  evicted: number;
  droppedSpans: number;
  slowThresholdMs: number;
}

/** Span processor keeping recent traces in memory; query with {@link list} and {@link get}. */
export class TraceStore implements SpanProcessor {
  /** The options in effect, defaults filled in. */
  readonly options: Readonly<ResolvedTraceStoreOptions>;
  readonly #open = new Tier('open');
  readonly #fast = new Tier('fast');
  readonly #retained = new Tier('retained');
  readonly #slow: SlowThreshold;
  #evicted = 0;
  #dropped = 0;
  #stopped = false;

  constructor(options: TraceStoreOptions = {}) {
    this.options = resolveTraceStoreOptions(options);
    this.#slow = options.slowThreshold ?? new SlowThreshold(this.options.slowThresholdMs);
  }

  onStart(): void {
    // Nothing to do until a span ends: an unfinished span has no duration or final status.
  }

  onEnd(span: ReadableSpan): void {
    if (this.#stopped) return;
    const traceId = span.spanContext().traceId;
    let t = this.#find(traceId);
    if (!t) {
      t = new TraceEntry(traceId);
      this.#open.add(t);
    }
    if (t.spans.length >= this.options.maxSpansPerTrace) {
      t.droppedSpans++;
      this.#dropped++;
      return;
    }
    const stored = toStoredSpan(span);
    const hadRoot = t.root !== undefined;
    t.add(stored);
    this.#tierOf(t).bytes += stored.bytes;
    if (!hadRoot && t.root) this.#finish(t);
    else if (stored.failed && t.tier === 'fast') this.#retain(t, 'error');
    this.#enforceBudget();
  }

  async forceFlush(): Promise<void> {
    // Spans are stored synchronously in onEnd: nothing is ever pending.
  }

  async shutdown(): Promise<void> {
    this.#stopped = true;
  }

  /** Recent finished traces matching `query`, slowest first unless `order: 'recent'`. */
  list(query: TraceQuery = {}): TraceSummary[] {
    return listTraces(this.finished(), query);
  }

  /** One trace as a span tree with offsets and the critical path; undefined when not kept. */
  get(traceId: string): TraceDetail | undefined {
    const t = this.#find(traceId);
    return t && t.spans.length > 0 ? buildDetail(t) : undefined;
  }

  /** The slowest finished trace started in [sinceMs, untilMs] (of `route` when given): an alert's exemplar. */
  slowestTrace(window: { route?: string; sinceMs: number; untilMs: number }): TraceExemplar | undefined {
    return slowest(this.finished(), window);
  }

  /** Every finished trace (fast and retained), for the analysers. */
  *finished(): IterableIterator<TraceEntry> {
    yield* this.#retained.traces.values();
    yield* this.#fast.traces.values();
  }

  /** Sizes and counters. */
  stats(): TraceStoreStats {
    const tiers = [this.#open, this.#fast, this.#retained];
    return {
      traces: tiers.reduce((n, tier) => n + tier.traces.size, 0),
      open: this.#open.traces.size,
      fast: this.#fast.traces.size,
      retained: this.#retained.traces.size,
      bytes: tiers.reduce((n, tier) => n + tier.bytes, 0),
      maxBytes: this.options.maxBytes,
      maxTraces: this.options.maxTraces,
      evicted: this.#evicted,
      droppedSpans: this.#dropped,
      slowThresholdMs: this.#slow.valueMs,
    };
  }

  /** Drops every trace (tests, and `cache/clear`-style admin calls). */
  clear(): void {
    for (const tier of [this.#open, this.#fast, this.#retained]) {
      tier.traces.clear();
      tier.bytes = 0;
    }
  }

  #find(traceId: string): TraceEntry | undefined {
    return this.#fast.traces.get(traceId) ?? this.#open.traces.get(traceId) ?? this.#retained.traces.get(traceId);
  }

  #tierOf(t: TraceEntry): Tier {
    return t.tier === 'open' ? this.#open : t.tier === 'fast' ? this.#fast : this.#retained;
  }

  // The root ended: classify the trace once, moving it out of the open tier.
  #finish(t: TraceEntry): void {
    const duration = t.durationMs;
    // A root the agent's tail decision kept was judged and observed there, against the same
    // threshold: its verdict stands (even across a p95 recomputation), and observed again, as
    // only slow or failed requests are kept, it would push a p95 threshold up and up.
    const keptAs = t.root!.attributes[KEPT_ATTRIBUTE];
    const slow = keptAs === undefined ? duration >= this.#slow.valueMs : keptAs === 'slow';
    if (keptAs === undefined) this.#slow.observe(duration);
    this.#tierOf(t).remove(t);
    if (t.failed || slow) {
      t.reason = t.failed ? 'error' : 'slow';
      this.#retained.add(t);
    } else {
      this.#fast.add(t);
    }
  }

  #retain(t: TraceEntry, reason: 'error'): void {
    this.#fast.remove(t);
    t.reason = reason;
    this.#retained.add(t);
  }

  #enforceBudget(): void {
    const { maxTraces, maxBytes, retainedShare } = this.options;
    const count = () => this.#open.traces.size + this.#fast.traces.size + this.#retained.traces.size;
    const bytes = () => this.#open.bytes + this.#fast.bytes + this.#retained.bytes;
    while (count() > maxTraces || bytes() > maxBytes) {
      const victim = this.#open.over(maxTraces * OPEN_SHARE, maxBytes * OPEN_SHARE)
        ? this.#open.oldest()
        : this.#retained.over(maxTraces * retainedShare, maxBytes * retainedShare)
          ? this.#retained.oldest()
          : (this.#fast.oldest() ?? this.#open.oldest() ?? this.#retained.oldest());
      if (!victim) return;
      this.#tierOf(victim).remove(victim);
      this.#evicted++;
    }
  }
}
