// The sampler: the one OTEL_TRACES_SAMPLER names (as the SDK spec defines it), behind a gate
// that declines to record while no span processor is attached. Without the gate every span
// would be built, timed and given attributes only to be dropped; with it a process with no
// OTLP endpoint and no trace store pays what a no-op tracer pays, and recording starts as
// soon as a processor is added.
import type { Attributes, Context, Link, SpanKind } from '@opentelemetry/api';
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
    const now = performance.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = now;
    if (this.tokens < 1) return notRecorded;
    this.tokens -= 1;
    return sampled;
  }

  toString(): string {
    return `RateLimitedSampler{${this.perSecond}/s}`;
  }
}

/**
 * The sampler named by OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG. Unset, the agent's own
 * default: follow the parent's decision, and start at most FORESIGHT_TRACES_PER_SECOND (10)
 * new traces a second; slow and failed requests beyond that are kept by the tail decision.
 */
export function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  // Parsed by the config schema: an unknown name or a ratio outside [0, 1] was warned about there.
  const { OTEL_TRACES_SAMPLER: name, OTEL_TRACES_SAMPLER_ARG: ratio, FORESIGHT_TRACES_PER_SECOND: perSecond } = readAgentConfig(env);
  // Ten a second by default: every request of a quiet service is traced, and a busy one keeps
  // async context tracking (context.ts) on for a small share of the time: at 100 a second it was
  // on about a third of the time at saturation, a tenth of the throughput.
  if (name === undefined) return new ParentBasedSampler({ root: new RateLimitedSampler(perSecond) });
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/** Delegates to `inner` while `open()` is true; otherwise records nothing. */
export class GatedSampler implements Sampler {
  constructor(
    private readonly inner: Sampler,
    private readonly open: () => boolean,
  ) {}

  shouldSample(context: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    return this.open() ? this.inner.shouldSample(context, traceId, name, kind, attributes, links) : notRecorded;
  }

  toString(): string {
    return `GatedSampler{${this.inner.toString()}}`;
  }
}
