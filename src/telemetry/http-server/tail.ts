// The tail decision for requests the head sampler did not record: one that failed (5xx) or was
// slow is still kept, as a server span with its real start, end, route and status, under the
// trace and span ids the request already had (the ones its log lines carry). It has no child
// spans (nothing recorded them), but the trace store and the exporters see every slow or failed
// request, at the cost of one span for those alone.
import { SpanKind, SpanStatusCode, type Attributes, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import {
  AlwaysOnSampler,
  BasicTracerProvider,
  RandomIdGenerator,
  type IdGenerator,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { Resource } from '@opentelemetry/resources';
import { KEPT_ATTRIBUTE, type SlowThreshold } from '../slow-threshold.js';

/** Hands out the ids it was given for the next span, random ones otherwise. */
class GivenIds implements IdGenerator {
  next: { traceId: string; spanId: string } | undefined;
  private readonly random = new RandomIdGenerator();

  generateTraceId(): string {
    return this.next?.traceId ?? this.random.generateTraceId();
  }

  generateSpanId(): string {
    return this.next?.spanId ?? this.random.generateSpanId();
  }
}

/** What a kept request looked like. */
export interface FinishedRequest {
  name: string;
  parent: Context;
  /** The unrecorded span whose ids the kept one takes. */
  unrecorded: Span;
  startEpochMs: number;
  endEpochMs: number;
  status: number;
  attributes: Attributes;
}

/** Records kept spans through its own always-on provider sharing the main one's processors. */
export class TailKeeper {
  private readonly ids = new GivenIds();
  private readonly tracer: Tracer;

  constructor(
    resource: Resource,
    processor: SpanProcessor,
    /** Requests at least this slow are kept; shared with the trace store (TRACE_SLOW_MS). */
    readonly slow: SlowThreshold,
  ) {
    this.tracer = new BasicTracerProvider({ resource, sampler: new AlwaysOnSampler(), spanProcessors: [processor], idGenerator: this.ids }).getTracer(
      'foresight-http-server',
    );
  }

  /** True when an unsampled request with this outcome must be kept; its duration counts towards a p95 threshold. */
  wants(status: number, durationMs: number): boolean {
    const slow = durationMs >= this.slow.valueMs;
    this.slow.observe(durationMs);
    return status >= 500 || slow;
  }

  keep(r: FinishedRequest): void {
    const { traceId, spanId } = r.unrecorded.spanContext();
    this.ids.next = { traceId, spanId };
    let span: Span;
    try {
      span = this.tracer.startSpan(r.name, { kind: SpanKind.SERVER, startTime: millisToHrTime(r.startEpochMs), attributes: r.attributes }, r.parent);
    } finally {
      this.ids.next = undefined;
    }
    span.setAttribute(KEPT_ATTRIBUTE, r.status >= 500 ? 'error' : 'slow');
    if (r.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(millisToHrTime(r.endEpochMs));
  }
}
