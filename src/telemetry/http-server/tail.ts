// The tail decision for requests the head sampler did not record: one that failed (5xx) or was
// slow is still kept, as a server span with its real start, end, route and status, in the trace
// of its caller if it had one. It has no child spans (nothing recorded them), but the trace store
// and the exporters see every slow or failed request, at the cost of one span for those alone.
import { SpanKind, SpanStatusCode, type Attributes, type Context, type Tracer } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { AlwaysOnSampler, BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Resource } from '@opentelemetry/resources';
import { KEPT_ATTRIBUTE, type SlowThreshold } from '../slow-threshold.js';

/** What a kept request looked like. */
export interface FinishedRequest {
  name: string;
  parent: Context;
  startEpochMs: number;
  endEpochMs: number;
  status: number;
  attributes: Attributes;
}

/** Records kept spans through its own always-on provider sharing the main one's processors. */
export class TailKeeper {
  private readonly tracer: Tracer;

  constructor(
    resource: Resource,
    processor: SpanProcessor,
    /** Requests at least this slow are kept; shared with the trace store (TRACE_SLOW_MS). */
    readonly slow: SlowThreshold,
  ) {
    this.tracer = new BasicTracerProvider({ resource, sampler: new AlwaysOnSampler(), spanProcessors: [processor] }).getTracer('foresight-http-server');
  }

  /** True when an unsampled request with this outcome must be kept; its duration counts towards a p95 threshold. */
  wants(status: number, durationMs: number): boolean {
    const slow = durationMs >= this.slow.valueMs;
    this.slow.observe(durationMs);
    return status >= 500 || slow;
  }

  keep(r: FinishedRequest): void {
    const span = this.tracer.startSpan(r.name, { kind: SpanKind.SERVER, startTime: millisToHrTime(r.startEpochMs), attributes: r.attributes }, r.parent);
    span.setAttribute(KEPT_ATTRIBUTE, r.status >= 500 ? 'error' : 'slow');
    if (r.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(millisToHrTime(r.endEpochMs));
  }
}
