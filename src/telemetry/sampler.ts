// The sampler: the one OTEL_TRACES_SAMPLER names (as the SDK spec defines it), behind a gate
// that declines to record while no span processor is attached. Without the gate every span
// would be built, timed and given attributes only to be dropped; with it a process with no
// OTLP endpoint and no trace store pays what a no-op tracer pays, and recording starts as
// soon as a processor is added.
//
// For the samplers whose decision needs no trace id (all but the ratio ones) the same decision
// is also a function of the parent alone, which the HTTP server path asks before any span
// exists: a request left out then costs no span, no ids and no span object at all.
import { createContextKey, isSpanContextValid, trace, TraceFlags, type Attributes, type Context, type Link, type SpanKind } from '@opentelemetry/api';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace-base';
import { readAgentConfig } from '../config/agent.js';

const notRecorded: SamplingResult = Object.freeze({ decision: SamplingDecision.NOT_RECORD });
const sampled: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED });

/**
 * Samples at most `perSecond` new traces a second (a token bucket holding one second's worth):
 * every request of a quiet service is traced, a busy one pays for a bounded number of spans a
 * second, and the RED metrics (recorded for every request) still count them all.
 */
export class RateLimitedSampler implements Sampler {
  private tokens: number;
  private last = performance.now();

  constructor(private readonly perSecond: number) {
    if (!(perSecond >= 0)) throw new RangeError(`perSecond must be a number >= 0, got ${perSecond}`);
    this.tokens = perSecond;
  }

  shouldSample(): SamplingResult {
    return this.take() ? sampled : notRecorded;
  }

  /** Takes a token if there is one: true when a new trace may start now. */
  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  toString(): string {
    return `RateLimitedSampler{${this.perSecond}/s}`;
  }
}

/** A head decision made from the parent context alone, before any span or trace id exists. */
export type RequestDecision = (parent: Context) => boolean;

/** What OTEL_TRACES_SAMPLER configures: the SDK sampler, and the same decision without ids where it needs none. */
export interface Sampling {
  sampler: Sampler;
  /** Undefined for the samplers that decide on the trace id (the ratio ones). */
  decideRequest?: RequestDecision;
}

// The parent's sampled flag, or undefined without a valid parent: what ParentBasedSampler follows.
function parentSampled(parent: Context): boolean | undefined {
  const sc = trace.getSpanContext(parent);
  return sc !== undefined && isSpanContextValid(sc) ? (sc.traceFlags & TraceFlags.SAMPLED) !== 0 : undefined;
}

/**
 * The sampling OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG name. Unset, the agent's own
 * default: follow the parent's decision, and start at most FORESIGHT_TRACES_PER_SECOND (10)
 * new traces a second; slow and failed requests beyond that are kept by the tail decision.
 */
export function samplingFromEnv(env: NodeJS.ProcessEnv): Sampling {
  // Parsed by the config schema: an unknown name or a ratio outside [0, 1] was warned about there.
  const { OTEL_TRACES_SAMPLER: name, OTEL_TRACES_SAMPLER_ARG: ratio, FORESIGHT_TRACES_PER_SECOND: perSecond } = readAgentConfig(env);
  switch (name) {
    case undefined: {
      // Ten a second by default: every request of a quiet service is traced, and a busy one keeps
      // async context tracking (context.ts) on for a small share of the time: at 100 a second it was
      // on about a third of the time at saturation, a tenth of the throughput.
      const root = new RateLimitedSampler(perSecond);
      return { sampler: new ParentBasedSampler({ root }), decideRequest: (parent) => parentSampled(parent) ?? root.take() };
    }
    case 'always_on':
      return { sampler: new AlwaysOnSampler(), decideRequest: () => true };
    case 'always_off':
      return { sampler: new AlwaysOffSampler(), decideRequest: () => false };
    case 'traceidratio':
      return { sampler: new TraceIdRatioBasedSampler(ratio) };
    case 'parentbased_always_off':
      return { sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }), decideRequest: (parent) => parentSampled(parent) ?? false };
    case 'parentbased_traceidratio':
      return { sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) }) };
    case 'parentbased_always_on':
      return { sampler: new ParentBasedSampler({ root: new AlwaysOnSampler() }), decideRequest: (parent) => parentSampled(parent) ?? true };
  }
}

/** The SDK sampler OTEL_TRACES_SAMPLER names (see {@link samplingFromEnv}). */
export const samplerFromEnv = (env: NodeJS.ProcessEnv): Sampler => samplingFromEnv(env).sampler;

/** On the parent context of a span whose head decision {@link RequestDecision} already made: sampled. */
export const HEAD_SAMPLED = createContextKey('foresight.head-sampled');

/** Delegates to `inner` while `open()` is true; otherwise records nothing. */
export class GatedSampler implements Sampler {
  constructor(
    private readonly inner: Sampler,
    private readonly open: () => boolean,
  ) {}

  shouldSample(context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    if (!this.open()) return notRecorded;
    // Decided once, before the span: asking the inner sampler again would take a second token.
    if (context.getValue(HEAD_SAMPLED) === true) return sampled;
    return this.inner.shouldSample(context, traceId, name, kind, attributes, links);
  }

  toString(): string {
    return `GatedSampler{${this.inner.toString()}}`;
  }
}
