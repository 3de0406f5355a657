// One trace as a span tree: offsets from the trace start, durations, attributes, events,
// status, and the critical path (from the root, repeatedly the child that ends last: the
// chain of spans that set the end-to-end duration).
import { SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { TraceEntry } from './entry.js';
import { routeOf } from './query.js';
import { hrToMs, kindName, type StoredSpan } from './span-record.js';

/** A span in the tree. */
export interface SpanNode {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** SERVER, CLIENT, INTERNAL, PRODUCER or CONSUMER. */
  kind: string;
  /** Start, in ms after the trace's first span started. */
  offsetMs: number;
  durationMs: number;
  depth: number;
  status: { code: 'UNSET' | 'OK' | 'ERROR'; message?: string };
  attributes: Attributes;
  events: Array<{ name: string; offsetMs: number; attributes: Attributes }>;
  /** On the critical path. */
  critical: boolean;
  children: SpanNode[];
}

/** A whole trace. */
export interface TraceDetail {
  traceId: string;
  rootName: string;
  route: string;
  durationMs: number;
  startTime: string;
  spanCount: number;
  droppedSpans: number;
  error: boolean;
  retained: 'slow' | 'error' | null;
  /** Span ids of the critical path, root first. */
  criticalPath: string[];
  /** Top-level spans: the root first, then any span whose parent is not in the store. */
  spans: SpanNode[];
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
const statusName = { [SpanStatusCode.UNSET]: 'UNSET', [SpanStatusCode.OK]: 'OK', [SpanStatusCode.ERROR]: 'ERROR' } as const;

function toNode(s: StoredSpan, t0: number): SpanNode {
  return {
    spanId: s.spanId,
    parentSpanId: s.parentSpanId ?? null,
    name: s.name,
    kind: kindName(s.kind),
    offsetMs: round(s.startMs - t0),
    durationMs: round(s.endMs - s.startMs),
    depth: 0,
    status: s.statusMessage ? { code: statusName[s.statusCode], message: s.statusMessage } : { code: statusName[s.statusCode] },
    attributes: s.attributes,
    events: s.events.map((e) => ({ name: e.name, offsetMs: round(hrToMs(e.time) - t0), attributes: e.attributes ?? {} })),
    critical: false,
    children: [],
  };
}

const end = (n: SpanNode) => n.offsetMs + n.durationMs;

function setDepth(n: SpanNode, depth: number): void {
  n.depth = depth;
  n.children.sort((a, b) => a.offsetMs - b.offsetMs);
  for (const c of n.children) setDepth(c, depth + 1);
}

/** Marks and returns the critical path below `top`: at each step the child that ends last. */
export function markCriticalPath(top: SpanNode): string[] {
  const path: string[] = [];
  for (let n: SpanNode | undefined = top; n; ) {
    n.critical = true;
    path.push(n.spanId);
    let next: SpanNode | undefined;
    for (const c of n.children) if (!next || end(c) >= end(next)) next = c;
    n = next;
  }
  return path;
}

/** Builds the tree of `t`. */
export function buildDetail(t: TraceEntry): TraceDetail {
  let t0 = Infinity;
  let tEnd = -Infinity;
  for (const s of t.spans) {
    if (s.startMs < t0) t0 = s.startMs;
    if (s.endMs > tEnd) tEnd = s.endMs;
  }
  const nodes = new Map<string, SpanNode>();
  for (const s of t.spans) nodes.set(s.spanId, toNode(s, t0));
  const top: SpanNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentSpanId === null ? undefined : nodes.get(n.parentSpanId);
    if (parent) parent.children.push(n);
    else top.push(n);
  }
  const rootId = t.root?.spanId;
  top.sort((a, b) => (a.spanId === rootId ? -1 : b.spanId === rootId ? 1 : a.offsetMs - b.offsetMs));
  for (const n of top) setDepth(n, 0);
  const first = t.spans.find((s) => s.spanId === rootId) ?? t.spans[0]!;
  return {
    traceId: t.traceId,
    rootName: first.name,
    route: t.root ? routeOf(t) : first.name,
    durationMs: round(t.root ? t.durationMs : tEnd - t0),
    startTime: new Date(t0).toISOString(),
    spanCount: t.spans.length + t.droppedSpans,
    droppedSpans: t.droppedSpans,
    error: t.failed,
    retained: t.reason ?? null,
    criticalPath: top[0] ? markCriticalPath(top[0]) : [],
    spans: top,
  };
}

/** The tree flattened depth-first (the order a waterfall draws). */
export function flatten(spans: SpanNode[]): SpanNode[] {
  const out: SpanNode[] = [];
  const walk = (n: SpanNode) => {
    out.push(n);
    for (const c of n.children) walk(c);
  };
  for (const n of spans) walk(n);
  return out;
}
