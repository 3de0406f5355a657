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

/** Adds `/openapi.json` to `app`; call it after every route group is mounted. */
export function serveOpenApi(app: OpenAPIHono<AppEnv>, version: string, description: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'admin', { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' });
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.openapi(route, (c) => {
    document ??= app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'foresight', version, description } });
    return c.json(document, 200);
  });
}
