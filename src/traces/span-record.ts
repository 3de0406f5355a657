// One ended span as the store keeps it: the few fields the queries need, times as epoch ms,
// and the span's own (frozen after end) attribute and event objects by reference, so onEnd
// copies nothing it can share. Its size is estimated once, when it is stored.
import { SpanKind, SpanStatusCode, type Attributes, type AttributeValue, type HrTime } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';

/** A stored span. */
export interface StoredSpan {
  spanId: string;
  /** Undefined for a root; a remote parent's id when the trace came in from another service. */
  parentSpanId: string | undefined;
  /** True when this is the local root: no parent, or a parent in another process. */
  isRoot: boolean;
  name: string;
  kind: SpanKind;
  /** Epoch milliseconds (fractional). */
  startMs: number;
  endMs: number;
  statusCode: SpanStatusCode;
  statusMessage: string | undefined;
  attributes: Attributes;
  events: readonly TimedEvent[];
  /** True for status ERROR or an HTTP response status >= 500. */
  failed: boolean;
  /** Estimated bytes held. */
  bytes: number;
}

/** Epoch ms of an HrTime. */
export const hrToMs = (t: HrTime): number => t[0] * 1000 + t[1] / 1e6;

// Rough V8 costs: an object with ~14 fields, a string's header, a number's box. The estimate
// errs high so the byte budget is a real ceiling on the heap the store holds.
const SPAN_BASE = 220;
const ENTRY = 40;

function valueBytes(v: AttributeValue | undefined): number {
  if (typeof v === 'string') return 16 + v.length * 2;
  if (Array.isArray(v)) {
    let n = 32;
    for (const x of v) n += typeof x === 'string' ? 24 + x.length * 2 : 16;
    return n;
  }
  return 16;
}

/** Estimated bytes of an attribute map (keys are usually interned, but counted anyway). */
export function attributesBytes(attrs: Attributes): number {
  let n = 32;
  for (const key in attrs) n += ENTRY + key.length + valueBytes(attrs[key]);
  return n;
}

function httpStatus(attrs: Attributes): number | undefined {
  const v = attrs['http.response.status_code'] ?? attrs['http.status_code'];
  return typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : undefined;
}

/** Converts an ended span; cheap: a dozen field reads and one pass over its attributes. */
export function toStoredSpan(span: ReadableSpan): StoredSpan {
  const parent = span.parentSpanContext;
  const attributes = span.attributes;
  let bytes = SPAN_BASE + span.name.length * 2 + attributesBytes(attributes);
  for (const e of span.events) bytes += 64 + e.name.length * 2 + (e.attributes ? attributesBytes(e.attributes) : 0);
  const status = httpStatus(attributes);
  return {
    spanId: span.spanContext().spanId,
    parentSpanId: parent?.spanId,
    isRoot: parent === undefined || parent.isRemote === true,
    name: span.name,
    kind: span.kind,
    startMs: hrToMs(span.startTime),
    endMs: hrToMs(span.endTime),
    statusCode: span.status.code,
    statusMessage: span.status.message,
    attributes,
    events: span.events,
    failed: span.status.code === SpanStatusCode.ERROR || (status !== undefined && status >= 500),
    bytes,
  };
}

/** `SpanKind` as its name (SERVER, CLIENT...). */
export const kindName = (k: SpanKind): string => SpanKind[k] ?? 'INTERNAL';
