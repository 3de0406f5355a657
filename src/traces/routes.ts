// `GET /api/v1/traces` (the trace list with filters) and `GET /api/v1/traces/:traceId` (one
// trace as a span tree with the critical path), in the API's envelope and error codes.
import { Hono } from 'hono';
import type { AppEnv } from '../api/deps.js';
import { success } from '../api/envelope.js';
import { ApiError } from '../api/errors.js';
import { readParams } from '../api/middleware/json-body.js';
import { toTraceQuery, traceIdParam, traceListQuery } from './params.js';
import type { TraceStore } from './store.js';

/** Trace routes over `store`; mount with `v1.route('/', traceRoutes(store))`. */
export function traceRoutes(store: TraceStore) {
  const app = new Hono<AppEnv>();
  app.get('/traces', (c) => {
    const traces = store.list(toTraceQuery(readParams(c.req.query(), traceListQuery, 'query')));
    return success(c, { traces, count: traces.length, store: store.stats() });
  });
  app.get('/traces/:traceId', (c) => {
    const { traceId } = readParams(c.req.param(), traceIdParam, 'path');
    const detail = store.get(traceId);
    if (!detail) throw new ApiError('NOT_FOUND', `no trace "${traceId}" in the trace store (never seen, or evicted)`);
    return success(c, detail);
  });
  return app;
}
