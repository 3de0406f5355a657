// The cities the service forecasts, each with its active model version and accuracy.
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import { success } from '../envelope.js';
import { openApiApp } from '../openapi/app.js';
import { ok } from '../openapi/responses.js';

const list = createRoute({
  method: 'get',
  path: '/cities',
  summary: 'Cities with their active model version and accuracy (MAPE)',
  responses: { 200: ok('cities and their count') },
});

/** `GET /api/v1/cities` */
export function cityRoutes(deps: Pick<AppDeps, 'registry'>) {
  return openApiApp().openapi(list, async (c) => {
    const cities = await deps.registry.listCities();
    return success(c, { cities, count: cities.length });
  });
}
