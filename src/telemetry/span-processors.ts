// A span processor list that can grow after start: the tracer provider is built once, but a
// trace store (or a test) may attach its processor later. sdk-trace 2.x has no
// addSpanProcessor, so the provider gets this one and it fans out.
import type { Context } from '@opentelemetry/api';
import { globalErrorHandler } from '@opentelemetry/core';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Fans every span out to the processors added so far. */
export class FanOutSpanProcessor implements SpanProcessor {
  private processors: SpanProcessor[];

  constructor(initial: SpanProcessor[] = []) {
    this.processors = [...initial];
  }

  /** Number of attached processors (the sampler records nothing while it is 0). */
  get size(): number {
    return this.processors.length;
  }

  /** Attaches `processor`; spans started from now on reach it. */
  add(processor: SpanProcessor): void {
    // Copy on write: a span ending while we add must see a consistent list.
    this.processors = [...this.processors, processor];
  }

  onStart(span: Span, parentContext: Context): void {
    for (const p of this.processors) p.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    for (const p of this.processors) p.onEnd(span);
  }

  async forceFlush(): Promise<void> {
    await this.settleAll((p) => p.forceFlush());
  }

  async shutdown(): Promise<void> {
    await this.settleAll((p) => p.shutdown());
  }

  // One failing processor must not keep the others from flushing; failures are reported.
  private async settleAll(op: (p: SpanProcessor) => Promise<void>): Promise<void> {
    const results = await Promise.allSettled(this.processors.map(op));
    for (const r of results) if (r.status === 'rejected') globalErrorHandler(r.reason instanceof Error ? r.reason : String(r.reason));
  }
}
