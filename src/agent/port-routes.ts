// What the agent serves on the telemetry port next to `/metrics`, in the API's JSON envelope:
// the trace inspection API, the trace-based recommendations, the per-route RED view, and the
// console at `/ui/`.
// Written against node:http: the agent must not load (and so instrument) the app's framework.
import type { IncomingMessage } from 'node:http';
import { consoleAsset, type ConsoleSource } from '../console/asset.js';
import type { PortHandler } from '../telemetry/port.js';
import { analyseTraces } from '../traces/analyse/index.js';
import type { TraceStore } from '../traces/store.js';
import { fail, success } from './port-reply.js';
import type { RouteWindow } from './route-window.js';

// The parameters' validation loads zod (with every locale it ships): ~11 MB of resident memory
// that an app whose port is never asked should not carry, so it is loaded on the first request.
let paramsModule: Promise<typeof import('./port-params.js')> | undefined;
const params = () => (paramsModule ??= import('./port-params.js'));

const isRead = (req: IncomingMessage) => req.method === 'GET' || req.method === 'HEAD';

/** `/api/v1/traces`, `/api/v1/traces/:traceId` and `/api/v1/performance/recommendations` over `store`. */
export function traceHandler(store: TraceStore): PortHandler {
  return async (req, res, url) => {
    if (!isRead(req)) return false;
    const path = url.pathname;
    if (path === '/api/v1/traces') {
      const query = (await params()).traceListParams(res, url);
      if (query === undefined) return true;
      const traces = store.list(query);
      return success(res, { traces, count: traces.length, store: store.stats() });
    }
    if (path.startsWith('/api/v1/traces/')) {
      const traceId = (await params()).traceIdParams(res, path.slice('/api/v1/traces/'.length));
      if (traceId === undefined) return true;
      const detail = store.get(traceId);
      if (!detail) return fail(res, 404, 'NOT_FOUND', `no trace "${traceId}" in the trace store (never seen, or evicted)`);
      return success(res, detail);
    }
    if (path === '/api/v1/performance/recommendations') {
      const recommendations = analyseTraces(store);
      return success(res, { recommendations, count: recommendations.length });
    }
    return false;
  };
}

/** `/api/v1/routes`: request rate, 5xx share and latency quantiles per route over the last minute, with a short history. */
export function routesHandler(routeWindow: RouteWindow): PortHandler {
  return async (req, res, url) => {
    if (!isRead(req) || url.pathname !== '/api/v1/routes') return false;
    const limit = (await params()).routesParams(res, url);
    return limit === undefined || success(res, routeWindow.view(limit));
  };
}

/** `/ui/` and its assets; `/ui` redirects to `/ui/`. `sources`: the console's data sources mounted on the port. */
export function consoleHandler(sources: readonly ConsoleSource[]): PortHandler {
  return (req, res, url) => {
    if (!isRead(req) || !url.pathname.startsWith('/ui')) return false;
    if (url.pathname === '/ui') {
      res.writeHead(301, { location: '/ui/' });
      res.end();
      return true;
    }
    const asset = url.pathname.startsWith('/ui/') ? consoleAsset(url.pathname.slice(4), sources) : undefined;
    if (!asset) return false;
    res.writeHead(200, asset.headers);
    res.end(req.method === 'HEAD' ? undefined : asset.body);
    return true;
  };
}
