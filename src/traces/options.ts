// Options of the trace store, with their defaults filled in one place and invalid values
// rejected with a message that names the option and what it expected.
import type { SlowThreshold } from '../telemetry/slow-threshold.js';

/** Options of {@link TraceStore}. */
export interface TraceStoreOptions {
  /** Most traces kept (both tiers together). @defaultValue 2000 */
  maxTraces?: number;
  /** Estimated bytes of all kept spans together. @defaultValue 32 MiB */
  maxBytes?: number;
  /**
   * Share (0..1) of `maxTraces` and `maxBytes` that slow and failed traces may hold before the
   * oldest of them are evicted too; up to it, fast traces are always evicted first. @defaultValue 0.5
   */
  retainedShare?: number;
  /**
   * A trace whose root lasts at least this long is slow (kept longer). `'p95'`: the p95 of the
   * recent root durations (500 ms until 20 roots were seen). @defaultValue 500
   */
  slowThresholdMs?: number | 'p95';
  /**
   * A threshold shared with the agent's tail decision, so the store calls slow exactly the
   * requests the agent kept for being slow; wins over `slowThresholdMs`. @defaultValue one of the store's own
   */
  slowThreshold?: SlowThreshold;
  /** Most spans kept per trace; later spans of a runaway trace are counted, not kept. @defaultValue 1000 */
  maxSpansPerTrace?: number;
  /** Clock for the time-based queries, in epoch ms (tests pin it). @defaultValue Date.now */
  now?: () => number;
}

/** {@link TraceStoreOptions} with every default filled in. */
export type ResolvedTraceStoreOptions = Required<Omit<TraceStoreOptions, 'slowThreshold'>>;

const positiveInt = (name: string, v: number) => {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  return v;
};

/** Fills the defaults; throws a RangeError naming the first invalid option. */
export function resolveTraceStoreOptions(o: TraceStoreOptions = {}): ResolvedTraceStoreOptions {
  const retainedShare = o.retainedShare ?? 0.5;
  if (!(retainedShare > 0 && retainedShare <= 1)) throw new RangeError(`retainedShare must be in (0, 1], got ${retainedShare}`);
  const slow = o.slowThreshold?.option ?? o.slowThresholdMs ?? 500;
  if (slow !== 'p95' && !(typeof slow === 'number' && Number.isFinite(slow) && slow >= 0)) {
    throw new RangeError(`slowThresholdMs must be a number of ms >= 0 or 'p95', got ${String(slow)}`);
  }
  return {
    maxTraces: positiveInt('maxTraces', o.maxTraces ?? 2000),
    maxBytes: positiveInt('maxBytes', o.maxBytes ?? 32 * 1024 * 1024),
    retainedShare,
    slowThresholdMs: slow,
    maxSpansPerTrace: positiveInt('maxSpansPerTrace', o.maxSpansPerTrace ?? 1000),
    now: o.now ?? Date.now,
  };
}
