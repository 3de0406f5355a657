// The process-wide trace store: the agent (`foresight/register`, `foresight start`) creates it
// from its configuration and attaches it to the tracer provider before the app loads, and the
// server mounts its routes on the same instance, so neither has to hand the other a handle.
import { TraceStore } from './store.js';
import type { TraceStoreOptions } from './options.js';

let shared: TraceStore | undefined;

/**
 * The process's trace store, created with `options` on the first call (later calls get that
 * instance whatever they pass). Throws a RangeError naming an invalid option.
 */
export function sharedTraceStore(options?: TraceStoreOptions): TraceStore {
  return (shared ??= new TraceStore(options));
}
