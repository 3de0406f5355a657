// Serves the Prometheus exposition on its own HTTP server. The exporter's built-in server
// treats port 0 as "use the default 9464" and hides the port it bound, so foresight serves
// the exporter's handler itself: port 0 works (tests), and the bound port is reported.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrometheusExporter } from '@opentelemetry/exporter-prometheus';

/** A listening `/metrics` server. */
export interface MetricsServer {
  /** The bound port (the real one when 0 was asked for). */
  port: number;
  close(): Promise<void>;
}

/** Listens on `host:port` and answers `GET /metrics` from `exporter`; other paths get 404. */
export function serveMetrics(exporter: PrometheusExporter, host: string, port: number): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    if ((q === -1 ? url : url.slice(0, q)) === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      exporter.getMetricsRequestHandler(req, res);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  // The metrics endpoint alone must not keep a finished process alive.
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
