// `GET /openapi.json`: the OpenAPI 3.1 document of every route the app answers, generated from
// the route declarations (the zod schemas that validate requests) on first request.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.js';

const route = createRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This document',
  responses: { 200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: z.looseObject({ openapi: z.string() }) } } } },
});

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

/** Options of {@link serveOpenApi}. */
export interface OpenApiOptions {
  /** The per-client rate limit is on: every operation under /api/ may answer 429. */
  rateLimited?: boolean;
}

/** Adds `/openapi.json` to `app`; call it after every route group is mounted. */
export function serveOpenApi(app: OpenAPIHono<AppEnv>, version: string, description: string, options: OpenApiOptions = {}): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'admin', { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' });
  let document: Document | undefined;
  app.openapi(route, (c) => {
    if (!document) {
      document = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'foresight', version, description } });
      if (options.rateLimited) documentRateLimit(document);
    }
    return c.json(document, 200);
  });
}

const OPERATIONS = ['get', 'put', 'post', 'delete', 'patch'] as const;

// The rate limit is a middleware in front of every /api/ route, not part of any route's
// declaration: its 429 joins each operation here (after an admin route's own 429 codes).
function documentRateLimit(document: Document): void {
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith('/api/')) continue;
    for (const method of OPERATIONS) {
      const responses = item[method]?.responses;
      if (!responses) continue;
      const own = responses['429'] as { description?: string } | undefined;
      responses['429'] = {
        description: ['API_RATE_LIMITED', own?.description].filter(Boolean).join(', '),
        headers: { 'Retry-After': { description: 'seconds until the client may call again', schema: { type: 'integer' } } },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
  }
}
