// A real OTLP/HTTP receiver for tests: `POST /v1/traces` in OTLP JSON (what
// @opentelemetry/exporter-trace-otlp-http sends), spans flattened for assertions.
// `/v1/metrics` and `/v1/logs` are accepted and counted, so no exporter logs failures.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

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

/** A running receiver. */
export interface OtlpReceiver {
  /** Base URL, e.g. for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  /** Every span received so far. */
  spans: ReceivedSpan[];
  /** Requests received per path (`/v1/traces`, `/v1/metrics`, `/v1/logs`). */
  requests: Map<string, number>;
  /** Resolves with all spans once `predicate(spans)` holds; rejects after `timeoutMs` listing what arrived. */
  waitFor(predicate: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number): Promise<ReceivedSpan[]>;
  close(): Promise<void>;
}

interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
  bytesValue?: string;
}
interface KeyValue {
  key: string;
  value?: AnyValue;
}
type Nanos = string | number | { low: number; high: number };

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

interface TracesRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: Array<{
      scope?: { name?: string };
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind?: number;
        attributes?: KeyValue[];
        startTimeUnixNano?: Nanos;
        endTimeUnixNano?: Nanos;
        status?: { code?: number; message?: string };
      }>;
    }>;
  }>;
}

/** Flattens one OTLP JSON traces request. */
export function flattenTraces(body: TracesRequest): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const rs of body.resourceSpans ?? []) {
    const resource = decodeAttributes(rs.resource?.attributes);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        out.push({
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? '',
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

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw;
}

/** Starts a receiver on 127.0.0.1 and a free port. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const requests = new Map<string, number>();
  const waiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    readBody(req).then(
      (body) => {
        if (path === '/v1/traces') {
          if (!String(req.headers['content-type']).includes('json')) {
            res.writeHead(415).end('this receiver speaks OTLP JSON only');
            return;
          }
          spans.push(...flattenTraces(JSON.parse(body.toString('utf8')) as TracesRequest));
          for (const w of waiters) w();
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      },
      (err: Error) => res.writeHead(400).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    requests,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(spans)) return;
          cleanup();
          resolve(spans);
        };
        const timer = setTimeout(() => {
          cleanup();
          const seen = spans.map((s) => `${s.name} (kind ${s.kind})`).join(', ') || 'none';
          reject(new Error(`OTLP receiver: condition not met in ${timeoutMs} ms; spans received: ${seen}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
