// A real OTLP/HTTP receiver for tests: `POST /v1/traces` and `/v1/logs` in OTLP protobuf (the
// exporters' default) or OTLP JSON, decoded and flattened for assertions. `/v1/metrics` is
// accepted and counted, so no exporter logs failures.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { flattenLogs, flattenTraces, type LogsRequest, type TracesRequest } from './otlp-data.js';
import { collector, type OtlpSink } from './otlp-sink.js';
import { decodeLogsRequest, decodeTracesRequest, encodeEmptyResponse } from './otlp-proto.js';

export { SpanKindNumber, flattenTraces, type ReceivedLog, type ReceivedSpan } from './otlp-data.js';

/** A running receiver. */
export interface OtlpReceiver extends OtlpSink {
  /** Requests received per path (`/v1/traces`, `/v1/metrics`, `/v1/logs`). */
  requests: Map<string, number>;
  /** The content types of the requests received per path, in order. */
  contentTypes: Map<string, string[]>;
  /** The headers of every request received per path, in order. */
  headers: Map<string, http.IncomingHttpHeaders[]>;
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw;
}

/** Decodes a traces or logs body in either encoding; the answer in the same encoding. */
function decode(path: string, body: Buffer, json: boolean) {
  const parse = (): unknown => JSON.parse(body.toString('utf8'));
  if (path === '/v1/traces') return { spans: flattenTraces(json ? (parse() as TracesRequest) : decodeTracesRequest(body)) };
  if (path === '/v1/logs') return { logs: flattenLogs(json ? (parse() as LogsRequest) : decodeLogsRequest(body)) };
  return {};
}

/** Starts a receiver on 127.0.0.1 and a free port. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const sink = collector();
  const requests = new Map<string, number>();
  const contentTypes = new Map<string, string[]>();
  const headers = new Map<string, http.IncomingHttpHeaders[]>();

  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const type = String(req.headers['content-type'] ?? '');
    requests.set(path, (requests.get(path) ?? 0) + 1);
    contentTypes.set(path, [...(contentTypes.get(path) ?? []), type]);
    headers.set(path, [...(headers.get(path) ?? []), req.headers]);
    const json = type.includes('json');
    if (!json && !type.includes('protobuf')) {
      res.writeHead(415).end(`unsupported content type "${type}"`);
      return;
    }
    readBody(req)
      .then((body) => {
        sink.add(decode(path, body, json));
        if (json) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(encodeEmptyResponse());
      })
      .catch((err: Error) => res.writeHead(400).end(err.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    spans: sink.spans,
    logs: sink.logs,
    requests,
    contentTypes,
    headers,
    waitFor: sink.waitFor,
    waitForLogs: sink.waitForLogs,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
