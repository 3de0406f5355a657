// The validation of the telemetry port's API parameters: zod, loaded by port-routes.ts on the
// first request that needs it, so an app nobody inspects never loads zod.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { toTraceQuery, traceIdParam, traceListQuery } from '../traces/params.js';
import type { TraceQuery } from '../traces/query.js';
import { fail } from './port-reply.js';

/** Validates `values` with `schema`; on failure answers 400 naming each field and returns undefined. */
function parse<S extends z.ZodType>(res: ServerResponse, schema: S, values: unknown, where: string): z.infer<S> | undefined {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message }));
  fail(res, 400, 'VALIDATION_FAILED', `invalid ${where}: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, { fields });
  return undefined;
}

/** The store query of `GET /api/v1/traces`, or undefined once a 400 is answered. */
export function traceListParams(res: ServerResponse, url: URL): TraceQuery | undefined {
  const q = parse(res, traceListQuery, Object.fromEntries(url.searchParams), 'query');
  return q && toTraceQuery(q);
}

/** The trace id of `GET /api/v1/traces/:traceId` (`encoded` as in the path), or undefined once a 400 is answered. */
export function traceIdParams(res: ServerResponse, encoded: string): string | undefined {
  return parse(res, traceIdParam, { traceId: decodeURIComponent(encoded) }, 'path')?.traceId;
}

const routesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();

/** The `limit` of `GET /api/v1/routes`, or undefined once a 400 is answered. */
export function routesParams(res: ServerResponse, url: URL): number | undefined {
  return parse(res, routesQuery, Object.fromEntries(url.searchParams), 'query')?.limit;
}
