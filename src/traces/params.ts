// The parameters of the trace inspection API, one schema for every server that answers it
// (the API's Hono routes and the agent's telemetry port).
import { z } from 'zod';
import type { TraceQuery } from './query.js';

/** Query of `GET /api/v1/traces`. */
export const traceListQuery = z
  .object({
    route: z.string().min(1).max(300).optional(),
    minDurationMs: z.coerce.number().min(0).optional(),
    status: z.enum(['error', 'ok']).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(20),
    order: z.enum(['slowest', 'recent']).default('slowest'),
    kind: z.enum(['server', 'background']).optional().describe('server: traces of incoming requests; background: the rest (start-up training, jobs)'),
  })
  .strict();

/** Path parameter of `GET /api/v1/traces/:traceId`. */
export const traceIdParam = z.object({ traceId: z.string().regex(/^[0-9a-f]{32}$/, '32 lowercase hex digits') });

/** The store query for a validated list query. */
export function toTraceQuery(q: z.infer<typeof traceListQuery>): TraceQuery {
  return { ...q, since: q.since === undefined ? undefined : Date.parse(q.since) };
}
