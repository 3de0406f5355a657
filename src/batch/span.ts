// The span of one batch: a child of the first traced item's context (so that request's trace
// holds its batch and the inference below it), linked to the other items' spans; none at all
// when no item's request is traced. Before it, each traced item gets a `batch.wait` span from
// its submit to the batch cut, so the time spent queued is named in every request's trace.
import { trace, type Context, type Link, type Span } from '@opentelemetry/api';
import { recordingIn, startChildSpan } from '../telemetry/tracer.js';

/**
 * Records `batch.wait` under each traced item's context, from its submit (`at`, a
 * `performance.now()` reading) to the cut (`cutAt`, the same clock); untraced items cost nothing.
 */
export function recordWaits(name: string, items: ReadonlyArray<{ at: number; ctx: Context }>, cutAt: number, size: number): void {
  for (const [i, item] of items.entries()) {
    if (!recordingIn(item.ctx)) continue;
    const waitMs = Math.round((cutAt - item.at) * 1000) / 1000;
    const span = startChildSpan(
      'batch.wait',
      { startTime: performance.timeOrigin + item.at, attributes: { 'batch.name': name, 'batch.wait_ms': waitMs, 'batch.size': size, 'batch.position': i } },
      item.ctx,
    );
    span.end(performance.timeOrigin + cutAt);
  }
}

/** Opens `batch.process` under `contexts[0]`, linking the distinct spans of the other contexts. */
export function startBatchSpan(name: string, contexts: readonly Context[], waitMs: number): Span {
  const parent = contexts.find(recordingIn) ?? contexts[0]!;
  const parentId = trace.getSpanContext(parent)?.spanId;
  const seen = new Set<string>();
  const links: Link[] = [];
  for (let i = 1; i < contexts.length; i++) {
    const sc = trace.getSpanContext(contexts[i]!);
    // Items of one request share its span: one link per span, none back to the parent.
    if (!sc || sc.spanId === parentId || seen.has(sc.spanId)) continue;
    seen.add(sc.spanId);
    links.push({ context: sc });
  }
  return startChildSpan(
    'batch.process',
    { attributes: { 'batch.name': name, 'batch.size': contexts.length, 'batch.wait_ms': waitMs }, links },
    parent,
  );
}
