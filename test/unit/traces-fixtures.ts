// Synthetic traces for the trace-store tests, made by a real BasicTracerProvider with the store
// as its span processor: each trace is described as a tree with explicit start and end times.
import { context, SpanKind, SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { TraceStore, type TraceStoreOptions } from '../../src/traces/index.js';

/** One span of a synthetic trace; times in ms after the trace's base time. */
export interface SpanSpec {
  name: string;
  start: number;
  end: number;
  kind?: SpanKind;
  attributes?: Attributes;
  error?: boolean;
  events?: Array<{ name: string; at: number; attributes?: Attributes }>;
  children?: SpanSpec[];
}

/** A store behind a real tracer provider, and a way to record synthetic traces into it. */
export function harness(options: TraceStoreOptions = {}) {
  const store = new TraceStore(options);
  const provider = new BasicTracerProvider({ spanProcessors: [store] });
  const tracer = provider.getTracer('traces-test');
  let clock = Date.parse('2030-01-01T00:00:00Z');

  const emit = (spec: SpanSpec, base: number, parent = context.active()): string => {
    const span = tracer.startSpan(spec.name, { kind: spec.kind ?? SpanKind.INTERNAL, attributes: spec.attributes, startTime: base + spec.start }, parent);
    const ctx = trace.setSpan(parent, span);
    for (const e of spec.events ?? []) span.addEvent(e.name, e.attributes ?? {}, base + e.at);
    // Children end before their parent, as in a real request.
    for (const c of spec.children ?? []) emit(c, base, ctx);
    if (spec.error) span.setStatus({ code: SpanStatusCode.ERROR, message: `${spec.name} failed` });
    span.end(base + spec.end);
    return span.spanContext().traceId;
  };

  return {
    store,
    provider,
    /** Records one trace starting `gapMs` after the previous one; returns its id. */
    record(spec: SpanSpec, gapMs = 1): string {
      clock += gapMs;
      return emit(spec, clock);
    },
    /** Base time of the last recorded trace. */
    now: () => clock,
  };
}

/** A server span named by its route, as the http instrumentation plus requestTelemetry make it. */
export function server(route: string, start: number, end: number, children: SpanSpec[] = [], status = 200): SpanSpec {
  return {
    name: `GET ${route}`,
    kind: SpanKind.SERVER,
    start,
    end,
    attributes: { 'http.route': route, 'http.request.method': 'GET', 'http.response.status_code': status },
    children,
  };
}

/** A pg client span running `text`. */
export function query(text: string, start: number, end: number): SpanSpec {
  return { name: `pg.query:SELECT foresight`, kind: SpanKind.CLIENT, start, end, attributes: { 'db.system.name': 'postgresql', 'db.query.text': text } };
}

/** A cache lookup span. */
export function cacheGet(hit: boolean, start: number, end: number): SpanSpec {
  return { name: 'cache.get', start, end, attributes: { 'cache.key': 'k', 'cache.hit': hit, 'cache.tier': hit ? 'l1' : 'miss' } };
}
