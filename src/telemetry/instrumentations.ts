// The instrumentations foresight enables, each configured for the least per-call work, and
// loaded only when enabled (each package costs start-up time, and register.ts must be fast).
import type { IncomingMessage } from 'node:http';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import type { InstrumentationName } from './options.js';

/** What the instrumentation factories need to know. */
export interface InstrumentationSettings {
  /** Incoming paths (query string ignored) that get no span and no http metric. */
  ignoredPaths: string[];
  /** Inject trace ids into pino lines only; no OTLP log sending (no logs exporter is configured). */
  pinoLogSending: boolean;
}

/** A predicate over the path of an incoming request; a Set lookup, since it runs on every request. */
export function ignoreIncoming(paths: string[]): (req: IncomingMessage) => boolean {
  const ignored = new Set(paths);
  return (req) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    return ignored.has(q === -1 ? url : url.slice(0, q));
  };
}

const factories: Record<InstrumentationName, (s: InstrumentationSettings) => Promise<Instrumentation>> = {
  http: async (s) => {
    const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
    // No header capture and no synthetic-source detection: both cost work on every request.
    return new HttpInstrumentation({ ignoreIncomingRequestHook: ignoreIncoming(s.ignoredPaths) });
  },
  // requireParentSpan: pool housekeeping and background queries outside a request are not traced.
  pg: async () => new (await import('@opentelemetry/instrumentation-pg')).PgInstrumentation({ requireParentSpan: true }),
  ioredis: async () =>
    new (await import('@opentelemetry/instrumentation-ioredis')).IORedisInstrumentation({ requireParentSpan: true }),
  pino: async (s) =>
    new (await import('@opentelemetry/instrumentation-pino')).PinoInstrumentation({ disableLogSending: !s.pinoLogSending }),
  'runtime-node': async () =>
    new (await import('@opentelemetry/instrumentation-runtime-node')).RuntimeNodeInstrumentation({ monitoringPrecision: 10 }),
  undici: async () => new (await import('@opentelemetry/instrumentation-undici')).UndiciInstrumentation(),
};

/** Builds the named instrumentations (not yet enabled), loading their packages in parallel. */
export function createInstrumentations(names: InstrumentationName[], settings: InstrumentationSettings): Promise<Instrumentation[]> {
  return Promise.all(names.map((n) => factories[n](settings)));
}
