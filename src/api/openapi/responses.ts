// Pieces of route declarations: the success envelope, the error envelope with its codes, JSON
// request bodies and the admin security requirement, so each route states only what is its own.
import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.js';
import { errorCodes, type ErrorCode } from '../errors.js';

/** The error envelope, a named component of the document. */
export const errorBody = z
  .object({
    status: z.literal('error'),
    error: z.object({
      code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .openapi('Error');

/** `{"status":"success","data":...}` with `data` described by `data` (anything by default). */
export function ok(description: string, data: z.ZodType = z.unknown()) {
  return {
    description,
    content: { 'application/json': { schema: z.object({ status: z.literal('success'), data }) } },
  } as const;
}

/** The error responses a route can give, by code; codes sharing a status are listed together. */
export function errors(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(errorCodes[code], [...(byStatus.get(errorCodes[code]) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [status, { description: list.join(', '), content: { 'application/json': { schema: errorBody } } }]),
  );
}

/** A JSON request body validated by `schema`; `required: false` lets a request omit it. */
export function jsonBody<S extends z.ZodType>(schema: S, required = true) {
  return { required, content: { 'application/json': { schema } } } as const;
}

/**
 * An admin route: `admin` (the requireAdmin middleware) runs before validation, the document
 * names the bearer scheme, and the 401/403/429 answers join the route's own responses.
 */
export function adminRoute<R extends RouteConfig>(admin: MiddlewareHandler<AppEnv>, route: R) {
  return createRoute({
    ...route,
    security: [{ admin: [] }],
    middleware: [admin] as const,
    responses: { ...errors('UNAUTHORIZED', 'ADMIN_DISABLED', 'ADMIN_RATE_LIMITED', 'AUTH_FAILURES_BLOCKED'), ...route.responses },
  });
}
