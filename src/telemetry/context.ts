// Context propagation: the AsyncLocalStorage context manager (it also binds event emitters,
// which the http instrumentation relies on to name the server span after the route), and the
// propagators OTEL_PROPAGATORS names.
import { context, diag, propagation, type ContextManager, type TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { requireVia } from './peer.js';

/** Installs the global AsyncLocalStorage context manager; returns it (for disable at shutdown). */
export function installContextManager(): ContextManager {
  const { AsyncLocalStorageContextManager } = requireVia<{ AsyncLocalStorageContextManager: new () => ContextManager }>(
    '@opentelemetry/sdk-node',
    '@opentelemetry/context-async-hooks',
  );
  const manager = new AsyncLocalStorageContextManager().enable();
  if (!context.setGlobalContextManager(manager)) diag.warn('a global context manager was already set; keeping it');
  return manager;
}

/** The propagators named by OTEL_PROPAGATORS (tracecontext,baggage by default; 'none' for none). */
export function propagatorFromEnv(env: NodeJS.ProcessEnv): TextMapPropagator | undefined {
  const names = (env.OTEL_PROPAGATORS ?? 'tracecontext,baggage')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.includes('none')) return undefined;
  const propagators: TextMapPropagator[] = [];
  for (const name of new Set(names)) {
    if (name === 'tracecontext') propagators.push(new W3CTraceContextPropagator());
    else if (name === 'baggage') propagators.push(new W3CBaggagePropagator());
    else diag.warn(`OTEL_PROPAGATORS: "${name}" is not supported (only tracecontext, baggage, none)`);
  }
  return propagators.length === 1 ? propagators[0] : new CompositePropagator({ propagators });
}

/** Installs the propagator from the environment, if any. */
export function installPropagator(env: NodeJS.ProcessEnv): void {
  const propagator = propagatorFromEnv(env);
  if (propagator) propagation.setGlobalPropagator(propagator);
}
