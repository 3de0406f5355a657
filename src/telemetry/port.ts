// The telemetry port: its own small HTTP server (not the app's), answering `GET /metrics` from
// the Prometheus exporter and whatever the agent mounts on it (trace inspection, the console).
// Plain node:http, no framework: the agent must not load, and so instrument, the app's own
// frameworks. Its requests are not observed, so scrapes do not show up as the app's traffic.
// The exporter's built-in server treats port 0 as "use 9464" and hides the port it bound.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { kUnobserved } from './http-server/index.js';

/** A handler mounted on the port; returns false to let the next one (or the 404) answer. */
export type PortHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

/** A listening telemetry port. */
export interface TelemetryPort {
  /** The bound port (the real one when 0 was asked for). */
  port: number;
  /** Adds a handler, tried after `/metrics` and the handlers mounted before it. */
  mount(handler: PortHandler): void;
  close(): Promise<void>;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'error', error: { code: 'NOT_FOUND', message: 'not served on the telemetry port' } }));
}

/** Listens on `host:port`; `/metrics` is served when `prometheus` is given. */
export function openTelemetryPort(host: string, port: number, prometheus: PrometheusExporter | undefined): Promise<TelemetryPort> {
  const handlers: PortHandler[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://telemetry.invalid');
    if (prometheus && url.pathname === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      prometheus.getMetricsRequestHandler(req, res);
      return;
    }
    void (async () => {
      for (const handler of handlers) if (await handler(req, res, url)) return;
      notFound(res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  (server as http.Server & { [kUnobserved]?: boolean })[kUnobserved] = true;
  // The telemetry port alone must not keep a finished process alive.
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        mount: (handler) => handlers.push(handler),
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
