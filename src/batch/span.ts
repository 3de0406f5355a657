// The span of one batch: a child of the first item's context (so that request's trace holds its
// batch and the inference below it), linked to the other items' spans.
import { trace, type Context, type Link, type Span } from '@opentelemetry/api';
import { tracer } from '../telemetry/tracer.js';

/** Opens `batch.process` under `contexts[0]`, linking the distinct spans of the other contexts. */
export function startBatchSpan(name: string, contexts: readonly Context[], waitMs: number): Span {
  const parent = contexts[0]!;
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
  return tracer().startSpan(
    'batch.process',
    { attributes: { 'batch.name': name, 'batch.size': contexts.length, 'batch.wait_ms': waitMs }, links },
    parent,
  );
}
