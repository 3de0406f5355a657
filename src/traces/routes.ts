// `GET /api/v1/traces` (the trace list with filters) and `GET /api/v1/traces/:traceId` (one
// trace as a span tree with the critical path), in the API's envelope and error codes.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../api/deps.js';
import { success } from '../api/envelope.js';
import { ApiError } from '../api/errors.js';
import { readParams } from '../api/middleware/json-body.js';
import type { TraceStore } from './store.js';

const listQuery = z
  .object({
    route: z.string().min(1).max(300).optional(),
    minDurationMs: z.coerce.number().min(0).optional(),
    status: z.enum(['error', 'ok']).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(20),
    order: z.enum(['slowest', 'recent']).default('slowest'),
  })
  .strict();

const idParam = z.object({ traceId: z.string().regex(/^[0-9a-f]{32}$/, '32 lowercase hex digits') });

/** Trace routes over `store`; mount with `v1.route('/', traceRoutes(store))`. */
export function traceRoutes(store: TraceStore) {
  const app = new Hono<AppEnv>();
  app.get('/traces', (c) => {
    const q = readParams(c.req.query(), listQuery, 'query');
    const traces = store.list({ ...q, since: q.since === undefined ? undefined : Date.parse(q.since) });
    return success(c, { traces, count: traces.length, store: store.stats() });
  });
  app.get('/traces/:traceId', (c) => {
    const { traceId } = readParams(c.req.param(), idParam, 'path');
    const detail = store.get(traceId);
    if (!detail) throw new ApiError('NOT_FOUND', `no trace "${traceId}" in the trace store (never seen, or evicted)`);
    return success(c, detail);
  });
  return app;
}
