// What the test OTLP receivers (HTTP JSON or protobuf, gRPC) collect: spans and log records
// flattened for assertions, whatever encoding they came in.

/** OTLP span kinds as numbers on the wire. */
export const SpanKindNumber = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

/** One received span. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer (see {@link SpanKindNumber}). */
  kind: number;
  attributes: Record<string, unknown>;
  /** The resource's attributes (service.name...). */
  resource: Record<string, unknown>;
  /** The instrumentation scope name. */
  scope: string;
  startNs: bigint;
  endNs: bigint;
  /** OTLP status: code 0 unset, 1 ok, 2 error. */
  status: { code: number; message?: string };
}

/** One received log record. */
export interface ReceivedLog {
  /** Hex, '' when the record has no trace context. */
  traceId: string;
  spanId: string;
  body: unknown;
  severityText: string;
  severityNumber: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  scope: string;
}

/** An id as OTLP JSON (hex string) or decoded protobuf (bytes) carries it. */
type Id = string | Uint8Array;
type Nanos = string | number | { low: number; high: number };

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string | Uint8Array;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
interface Scoped {
  resource?: { attributes?: KeyValue[] };
}
interface Scope {
  scope?: { name?: string };
}

/** An OTLP traces request, as OTLP JSON or as protobufjs `toObject` gives it. */
export interface TracesRequest {
  resourceSpans?: Array<
    Scoped & {
      scopeSpans?: Array<
        Scope & {
          spans?: Array<{
            traceId: Id;
            spanId: Id;
            parentSpanId?: Id;
            name: string;
            kind?: number;
            attributes?: KeyValue[];
            startTimeUnixNano?: Nanos;
            endTimeUnixNano?: Nanos;
            status?: { code?: number; message?: string };
          }>;
        }
      >;
    }
  >;
}

/** An OTLP logs request, as OTLP JSON or as protobufjs `toObject` gives it. */
export interface LogsRequest {
  resourceLogs?: Array<
    Scoped & {
      scopeLogs?: Array<
        Scope & {
          logRecords?: Array<{
            traceId?: Id;
            spanId?: Id;
            body?: AnyValue;
            severityText?: string;
            severityNumber?: number;
            attributes?: KeyValue[];
          }>;
        }
      >;
    }
  >;
}

function decodeValue(v: AnyValue | undefined): unknown {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(decodeValue);
  if (v.kvlistValue) return decodeAttributes(v.kvlistValue.values);
  return v.bytesValue;
}

function decodeAttributes(list: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list ?? []) out[kv.key] = decodeValue(kv.value);
  return out;
}

function nanos(v: Nanos | undefined): bigint {
  if (v === undefined) return 0n;
  if (typeof v === 'object') return (BigInt(v.high >>> 0) << 32n) + BigInt(v.low >>> 0);
  return BigInt(v);
}

const hex = (id: Id | undefined): string => (id === undefined ? '' : typeof id === 'string' ? id : Buffer.from(id).toString('hex'));

/** Flattens one OTLP traces request (JSON, or protobuf decoded with protobufjs). */
export function flattenTraces(body: TracesRequest): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of body.resourceSpans ?? []) {
    const resource = decodeAttributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        out.push({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          parentSpanId: hex(s.parentSpanId),
          name: s.name,
          kind: s.kind ?? 0,
          attributes: decodeAttributes(s.attributes),
          resource,
          scope: ss.scope?.name ?? '',
          startNs: nanos(s.startTimeUnixNano),
          endNs: nanos(s.endTimeUnixNano),
          status: { code: s.status?.code ?? 0, ...(s.status?.message ? { message: s.status.message } : {}) },
        });
      }
    }
  }
  return out;
}

/** Flattens one OTLP logs request (JSON, or protobuf decoded with protobufjs). */
export function flattenLogs(body: LogsRequest): ReceivedLog[] {
  const out: ReceivedLog[] = [];
  for (const rl of body.resourceLogs ?? []) {
    const resource = decodeAttributes(rl.resource?.attributes);
    for (const sl of rl.scopeLogs ?? []) {
      for (const r of sl.logRecords ?? []) {
        out.push({
          traceId: hex(r.traceId),
          spanId: hex(r.spanId),
          body: decodeValue(r.body),
          severityText: r.severityText ?? '',
          severityNumber: r.severityNumber ?? 0,
          attributes: decodeAttributes(r.attributes),
          resource,
          scope: sl.scope?.name ?? '',
        });
      }
    }
  }
  return out;
}
