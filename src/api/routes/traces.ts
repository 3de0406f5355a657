// `GET /api/v1/traces` (the trace list with filters) and `GET /api/v1/traces/:traceId` (one
// trace as a span tree with the critical path), in the API's envelope and error codes. The
// parameter schemas are the trace package's (traces/params.ts), shared with the telemetry port.
import { createRoute } from '@hono/zod-openapi';
import { toTraceQuery, traceIdParam, traceListQuery, type TraceStore } from '../../traces/index.js';
import { success } from '../envelope.js';
import { ApiError } from '../errors.js';
import { openApiApp } from '../openapi/app.js';
import { errors, ok } from '../openapi/responses.js';

const list = createRoute({
  method: 'get',
  path: '/traces',
  summary: 'Recent traces from the in-process store, slowest or most recent first, with filters',
  request: { query: traceListQuery },
  responses: { 200: ok('trace summaries, their count and the store statistics'), ...errors('VALIDATION_FAILED') },
});
const one = createRoute({
  method: 'get',
  path: '/traces/{traceId}',
  summary: 'One trace as a span tree with timings, attributes, events and the critical path',
  request: { params: traceIdParam },
  responses: { 200: ok('the trace'), ...errors('VALIDATION_FAILED', 'NOT_FOUND') },
});

/** Trace routes over `store`; mount with `v1.route('/', traceRoutes(store))`. */
export function traceRoutes(store: TraceStore) {
  return openApiApp()
    .openapi(list, (c) => {
      const traces = store.list(toTraceQuery(c.req.valid('query')));
      return success(c, { traces, count: traces.length, store: store.stats() });
    })
    .openapi(one, (c) => {
      const { traceId } = c.req.valid('param');
      const detail = store.get(traceId);
      if (!detail) throw new ApiError('NOT_FOUND', `no trace "${traceId}" in the trace store (never seen, or evicted)`);
      return success(c, detail);
    });
}
