// The tracer every part of the service opens its spans with.
import { trace, SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api';

/** The `foresight` tracer (resolved per call: the global provider may be installed later). */
export const tracer = () => trace.getTracer('foresight');

/** Runs `fn` inside a new active span named `name`; records an exception and error status on failure. */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
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
