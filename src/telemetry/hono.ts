// RED metrics per route pattern for a Hono app, and the route on the http instrumentation's
// server span (through the RPC metadata it reads when the response ends, as the express
// instrumentation does), so there is one server span named `GET /api/v1/forecast/:city/:date`.
import { context, trace } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { ATTR_HTTP_ROUTE } from '@opentelemetry/semantic-conventions';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { domainMetrics } from './metrics.js';

/** Options of {@link requestTelemetry}. */
export interface RequestTelemetryOptions {
  /** The `endpoint` label of a request no route matched. @defaultValue 'unmatched' */
  unmatchedEndpoint?: string;
  /** Request paths not recorded at all (probes, scrapes). @defaultValue [] */
  skipPaths?: string[];
}

// Methods outside this set collapse to one label value, so a client cannot mint new series.
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/**
 * The route pattern that matched `c`: the last matched route that is a handler rather than
 * middleware (`use` registers method ALL with a `(c, next)` handler), so a request answered
 * by middleware (a 413 from the body limit) still carries its route. Undefined if none matched.
 */
export function matchedRoutePattern(c: Context): string | undefined {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const r = routes[i]!;
    if (r.method !== 'ALL' || r.handler.length < 2) return r.path;
  }
  return undefined;
}

/** Hono middleware recording `request_latency_seconds` and `request_total{endpoint,method,status}`. */
export function requestTelemetry(options: RequestTelemetryOptions = {}): MiddlewareHandler {
  const unmatched = options.unmatchedEndpoint ?? 'unmatched';
  const skip = new Set(options.skipPaths ?? []);

  return async function requestTelemetry(c, next) {
    if (skip.size > 0 && skip.has(c.req.path)) return next();
    const start = performance.now();
    let threw = false;
    try {
      await next();
    } catch (err) {
      threw = true;
      throw err;
    } finally {
      const route = matchedRoutePattern(c);
      if (route !== undefined) {
        // The http instrumentation renames its server span and sets http.route (on the span and
        // its duration metric) from this when the response ends; without it (another server
        // integration, a test) the active span gets the attribute directly.
        const rpc = getRPCMetadata(context.active());
        if (rpc?.type === RPCType.HTTP) rpc.route = route;
        else trace.getActiveSpan()?.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      const method = knownMethods.has(c.req.method) ? c.req.method : '_OTHER';
      // Hono answers errors it catches itself; one thrown past this middleware becomes a 500.
      const status = threw ? '500' : String(c.res.status);
      const attributes = { endpoint: route ?? unmatched, method, status };
      const m = domainMetrics();
      m.requestLatency.record((performance.now() - start) / 1000, attributes);
      m.requestTotal.add(1, attributes);
    }
  };
}
