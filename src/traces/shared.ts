// The process-wide trace store: `foresight/register` (or `foresight start`) attaches it to the
// tracer provider before the app loads, and the server mounts its routes on the same
// instance, so neither has to hand the other a handle. Configured from the environment,
// because register runs before any config is loaded.
import { TraceStore } from './store.js';
import type { TraceStoreOptions } from './options.js';

let shared: TraceStore | undefined;

function num(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be a number, got "${raw}"`);
  return v;
}

/** True unless FORESIGHT_TRACE_STORE is `off`/`false`/`0` (the benchmark's baseline). */
export function traceStoreEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['off', 'false', '0'].includes((env.FORESIGHT_TRACE_STORE ?? '').trim().toLowerCase());
}

/** Options from TRACE_STORE_MAX_TRACES, TRACE_STORE_MAX_BYTES and TRACE_SLOW_MS (a number or `p95`). */
export function traceStoreOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): TraceStoreOptions {
  const slow = env.TRACE_SLOW_MS?.trim().toLowerCase();
  return {
    maxTraces: num(env, 'TRACE_STORE_MAX_TRACES'),
    maxBytes: num(env, 'TRACE_STORE_MAX_BYTES'),
    slowThresholdMs: slow === 'p95' ? 'p95' : num(env, 'TRACE_SLOW_MS'),
  };
}

/**
 * The process's trace store, created from the environment on first call; undefined when
 * FORESIGHT_TRACE_STORE turns it off. Throws a RangeError naming a malformed variable.
 */
export function sharedTraceStore(env: NodeJS.ProcessEnv = process.env): TraceStore | undefined {
  if (!traceStoreEnabled(env)) return undefined;
  return (shared ??= new TraceStore(traceStoreOptionsFromEnv(env)));
}
