// Builds the selected instrumentations, each configured for the least per-call work, loading
// only their own packages (in parallel), through auto-instrumentations-node's dependencies.
import { createRequire } from 'node:module';
import { diag } from '@opentelemetry/api';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { HonoRouteInstrumentation } from '../hono/instrumentation.js';
import { KoaRouteInstrumentation } from '../koa/instrumentation.js';
import { catalogue } from './catalogue.js';

export { catalogue, instrumentationNames } from './catalogue.js';
export { requestedInstrumentations, presentInstrumentations } from './select.js';
export { modulePresence, resolutionRoots } from './presence.js';

/** What the instrumentation configurations depend on. */
export interface InstrumentationSettings {
  /** A logs exporter is configured: pino lines are also sent as OTLP log records. */
  logSending: boolean;
}

type Config = Record<string, unknown>;

// Per-instrumentation configuration; the rest run with their upstream defaults.
const configs: Record<string, (s: InstrumentationSettings) => Config> = {
  // Incoming requests are ours (http-server/): the stock server path is the cost the agent avoids.
  http: () => ({ disableIncomingRequestInstrumentation: true, requireParentforOutgoingSpans: true }),
  // An unrecorded request has no context: its outgoing calls must not start traces of their own.
  undici: () => ({ requireParentforSpans: true }),
  // Pool housekeeping and background work outside a request are not traced.
  pg: () => ({ requireParentSpan: true }),
  ioredis: () => ({ requireParentSpan: true }),
  redis: () => ({ requireParentSpan: true }),
  pino: (s) => ({ disableLogSending: !s.logSending }),
  bunyan: (s) => ({ disableLogSending: !s.logSending }),
  winston: (s) => ({ disableLogSending: !s.logSending }),
  'runtime-node': () => ({ monitoringPrecision: 10 }),
  // Registers its plugin on every Fastify instance through Fastify's diagnostics channel.
  fastify: () => ({ registerOnInitialization: true }),
};

// The instrumentation packages are dependencies of auto-instrumentations-node (and @fastify/otel
// its own); resolving from there keeps the one copy it was tested with under any install layout.
const requireFromAuto = createRequire(import.meta.resolve('@opentelemetry/auto-instrumentations-node'));
const requireHere = createRequire(import.meta.url);

// Foresight's own instrumentations, by catalogue name: Hono's alone, Koa's next to the upstream one.
const ours: Record<string, () => Instrumentation> = {
  hono: () => new HonoRouteInstrumentation(),
  koa: () => new KoaRouteInstrumentation(),
};

// The instrumentations of catalogue entry `name`: the package's class, and ours of that name.
function construct(name: string, settings: InstrumentationSettings): Instrumentation[] {
  const entry = catalogue[name]!;
  const built: Instrumentation[] = [];
  if (entry.pkg) {
    const load = entry.pkg.startsWith('@opentelemetry/') ? requireFromAuto : requireHere;
    const Class = (load(entry.pkg) as Record<string, new (c: Config) => Instrumentation>)[entry.exportName];
    if (!Class) throw new Error(`${entry.pkg} has no export ${entry.exportName}`);
    built.push(new Class(configs[name]?.(settings) ?? {}));
  }
  if (ours[name]) built.push(ours[name]());
  return built;
}

/** Builds the named instrumentations (not yet enabled); one that fails to load is skipped with a warning. */
export function createInstrumentations(names: string[], settings: InstrumentationSettings): Instrumentation[] {
  const built: Instrumentation[] = [];
  for (const name of names) {
    try {
      built.push(...construct(name, settings));
    } catch (err) {
      diag.warn(`instrumentation "${name}" not loaded: ${(err as Error).message}`);
    }
  }
  return built;
}
