// The tracer every part of the service opens its spans with. Domain spans are children only:
// work done for a request that is not traced (most requests of a busy service, see sampler.ts)
// must neither start a trace of its own (it would take the sampler's budget with orphans) nor
// set a context (context.ts keeps async context tracking off while no traced request needs it).
import { context, INVALID_SPAN_CONTEXT, SpanStatusCode, trace, type Attributes, type Context, type Span, type SpanOptions } from '@opentelemetry/api';

/** The `foresight` tracer (resolved per call: the global provider may be installed later). */
export const tracer = () => trace.getTracer('foresight');

/** The span handed out where nothing is recorded: every call on it is a no-op. */
const unrecorded: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** True when the span active in `ctx` records (a traced request's span). */
export const recordingIn = (ctx: Context): boolean => trace.getSpan(ctx)?.isRecording() === true;

/** A child of the span in `parent` (the active context by default) when that span records; else a no-op span. */
export function startChildSpan(name: string, options: SpanOptions = {}, parent: Context = context.active()): Span {
  return recordingIn(parent) ? tracer().startSpan(name, options, parent) : unrecorded;
}

/**
 * Runs `fn` inside a new active child span named `name` when the active span records (records an
 * exception and error status on failure); otherwise runs it as it is, with a no-op span.
 */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  if (!recordingIn(context.active())) return fn(unrecorded);
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
