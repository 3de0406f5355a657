// A local OTLP/HTTP sink in the benchmark process: answers 200 to every POST and counts requests
// and bytes per sender and signal. Each contender exports to its own path prefix
// (`<sink>/<app>/<contender>` + `/v1/traces`), so the counts show who actually exported: a
// contender that sends no traces is not instrumenting anything.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Requests and bytes received for one sender and signal. */
export interface SinkCount {
  requests: number;
  bytes: number;
}

/** A listening sink. */
export interface OtlpSink {
  /** Base URL; a sender's OTLP endpoint is `${url}/${tag}`. */
  url: string;
  /** Counts by sender tag (`hono/stock`; `other` for unprefixed paths), then signal (`traces`, `metrics`, `logs`, `other`). */
  counts(): Record<string, Record<string, SinkCount>>;
  close(): Promise<void>;
}

const route = /^(?:\/([^/]+\/[^/]+))?\/v1\/(traces|metrics|logs)\/?$/;

/** Starts the sink on a free loopback port. */
export function startOtlpSink(): Promise<OtlpSink> {
  const counts: Record<string, Record<string, SinkCount>> = {};
  const server = http.createServer((req, res) => {
    const m = route.exec((req.url ?? '').split('?')[0]!);
    const tag = m?.[1] ?? 'other';
    const signal = m?.[2] ?? 'other';
    const count = ((counts[tag] ??= {})[signal] ??= { requests: 0, bytes: 0 });
    count.requests++;
    req.on('data', (chunk: Buffer) => (count.bytes += chunk.length));
    req.on('end', () => {
      // An empty protobuf message is a valid export response; the JSON encoding needs an object.
      const json = (req.headers['content-type'] ?? '').includes('json');
      res.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      res.end(json ? '{}' : '');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        counts: () => structuredClone(counts),
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
