// One log line per request in seed 000's shape, and the request's entry in the live window the
// performance API reads. The line carries the trace and span ids of the request's server span
// (the logger's mixin reads the active span), so a slow line leads to its trace.
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../../log/index.js';
import type { RequestWindow } from '../../perf/requests.js';
import { kRoute, UNMATCHED } from '../../telemetry/http-server/route.js';
import { matchedRoutePattern } from '../../telemetry/hono/route.js';

/** Options of {@link requestLog}. */
export interface RequestLogOptions {
  /** The logger to write to, read per request (tests and `start` replace the process logger). */
  logger: () => Logger;
  /** Where each request's duration and status are recorded. */
  window?: RequestWindow;
}

const MESSAGE = 'API request processed';

/**
 * `{"level":"INFO","service":…,"message":"API request processed","endpoint":"/api/v1/forecast/:city/:date",
 * "method":"GET","duration":0.0042,"status":"success","status_code":200,"trace_id":…,"span_id":…}`:
 * `endpoint` is the route pattern (the RED metrics' label, `unmatched` for unknown paths),
 * `duration` is in seconds as in seed 000, `status` is the envelope's `success`/`error`.
 */
export function requestLog(options: RequestLogOptions): MiddlewareHandler {
  const { window } = options;
  return async function logRequest(c, next) {
    const start = performance.now();
    try {
      await next();
    } finally {
      const ms = performance.now() - start;
      // An error thrown past every handler has no response yet: onError answers it with a 5xx.
      const code = c.res?.status ?? 500;
      // The agent wrote the pattern onto the Node request when Hono matched it; read it again
      // only where no agent runs (OTEL_SDK_DISABLED, in-process tests).
      const incoming = (c.env as { incoming?: { [kRoute]?: string } } | undefined)?.incoming;
      const route = incoming?.[kRoute] ?? matchedRoutePattern(c);
      const endpoint = route === undefined || route.includes('*') ? UNMATCHED : route;
      window?.record(endpoint, ms, code);
      const log = options.logger();
      const fields = {
        endpoint,
        method: c.req.method,
        duration: Math.round(ms * 10) / 10_000,
        status: code < 400 ? 'success' : 'error',
        status_code: code,
      };
      if (code >= 500) log.warn(fields, MESSAGE);
      else log.info(fields, MESSAGE);
    }
  };
}
