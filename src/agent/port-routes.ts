// What the agent serves on the telemetry port next to `/metrics`, in the API's JSON envelope:
// the trace inspection API, the trace-based recommendations, the per-route RED view, and the
// console at `/ui/`.
// Written against node:http: the agent must not load (and so instrument) the app's framework.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { consoleAsset, type ConsoleSource } from '../console/asset.js';
import type { PortHandler } from '../telemetry/port.js';
import { analyseTraces } from '../traces/analyse/index.js';
import { toTraceQuery, traceIdParam, traceListQuery } from '../traces/params.js';
import type { TraceStore } from '../traces/store.js';
import type { RouteWindow } from './route-window.js';

function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

const success = (res: ServerResponse, data: unknown) => json(res, 200, { status: 'success', data });

function fail(res: ServerResponse, status: number, code: string, message: string, details?: unknown): true {
  return json(res, status, { status: 'error', error: { code, message, details } });
}

/** Validates `values` with `schema`; on failure answers 400 naming each field and returns undefined. */
function parse<S extends z.ZodType>(res: ServerResponse, schema: S, values: unknown, where: string): z.infer<S> | undefined {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message }));
  fail(res, 400, 'VALIDATION_FAILED', `invalid ${where}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { fields });
  return undefined;
}

const isRead = (req: IncomingMessage) => req.method === 'GET' || req.method === 'HEAD';

/** `/api/v1/traces`, `/api/v1/traces/:traceId` and `/api/v1/performance/recommendations` over `store`. */
export function traceHandler(store: TraceStore): PortHandler {
  return (req, res, url) => {
    if (!isRead(req)) return false;
    const path = url.pathname;
    if (path === '/api/v1/traces') {
      const q = parse(res, traceListQuery, Object.fromEntries(url.searchParams), 'query');
      if (q === undefined) return true;
      const traces = store.list(toTraceQuery(q));
      return success(res, { traces, count: traces.length, store: store.stats() });
    }
    if (path.startsWith('/api/v1/traces/')) {
      const p = parse(res, traceIdParam, { traceId: decodeURIComponent(path.slice('/api/v1/traces/'.length)) }, 'path');
      if (p === undefined) return true;
      const detail = store.get(p.traceId);
      if (!detail) return fail(res, 404, 'NOT_FOUND', `no trace "${p.traceId}" in the trace store (never seen, or evicted)`);
      return success(res, detail);
    }
    if (path === '/api/v1/performance/recommendations') {
      const recommendations = analyseTraces(store);
      return success(res, { recommendations, count: recommendations.length });
    }
    return false;
  };
}

const routesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();

/** `/api/v1/routes`: request rate, 5xx share and latency quantiles per route over the last minute, with a short history. */
export function routesHandler(routeWindow: RouteWindow): PortHandler {
  return (req, res, url) => {
    if (!isRead(req) || url.pathname !== '/api/v1/routes') return false;
    const q = parse(res, routesQuery, Object.fromEntries(url.searchParams), 'query');
    return q === undefined || success(res, routeWindow.view(q.limit));
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
