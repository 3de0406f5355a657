// Context propagation: an AsyncLocalStorage context manager that is switched on only while a
// recorded request needs it, and the propagators OTEL_PROPAGATORS names.
//
// Why on demand: on Node 20, AsyncLocalStorage works through async hooks, and once enabled they
// run on every promise of the process: on a small Hono app that alone measured ~0.65 of plain
// throughput, whatever fraction of requests is traced. The HTTP server path holds the context
// for the requests it records and releases it when they finish; when none is held, the storage
// is disabled and the hooks stop. Any `context.with` turns it back on (Node's `run` re-enables
// it), so code that sets a context always sees it; what it costs is that async work still
// running when the last recorded request ends (a background job's later callbacks) continues
// without its context. One cost stays: the first time promise hooks are set, V8 gives up inlining
// async function entry and promise resolution for good (its promise-hook protector), ~3 µs of an
// API cache hit (bench/README.md); Node 24's AsyncLocalStorage sets no promise hooks.
import { context, diag, propagation, type ContextManager, type TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { readAgentConfig } from '../config/agent.js';
import { requireVia } from './peer.js';

/** Counts the recorded requests that need context; the storage is off while there are none. */
export interface ContextHolds {
  hold(): void;
  release(): void;
}

type AlsManager = ContextManager & { disable(): ContextManager };

/** Installs the global on-demand context manager; returns it (for holds, and disable at shutdown). */
export function installContextManager(): ContextManager & ContextHolds {
  const { AsyncLocalStorageContextManager } = requireVia<{ AsyncLocalStorageContextManager: new () => AlsManager }>(
    '@opentelemetry/sdk-node',
    '@opentelemetry/context-async-hooks',
  );
  class OnDemandContextManager extends AsyncLocalStorageContextManager implements ContextHolds {
    #holds = 0;

    hold(): void {
      this.#holds++;
    }

    release(): void {
      if (this.#holds > 0 && --this.#holds === 0) super.disable();
    }
  }
  const manager = new OnDemandContextManager();
  manager.enable();
  if (!context.setGlobalContextManager(manager)) diag.warn('a global context manager was already set; keeping it');
  return manager;
}

/** The propagators named by OTEL_PROPAGATORS (tracecontext,baggage by default; 'none' for none). */
export function propagatorFromEnv(env: NodeJS.ProcessEnv): TextMapPropagator | undefined {
  const names = readAgentConfig(env).OTEL_PROPAGATORS.map((s) => s.toLowerCase());
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
