// The cities the service forecasts, each with its active model version and accuracy.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.js';
import { success } from '../envelope.js';

/** `GET /api/v1/cities` */
export function cityRoutes(deps: Pick<AppDeps, 'registry'>) {
  const app = new Hono<AppEnv>();
  app.get('/cities', async (c) => {
    const cities = await deps.registry.listCities();
    return success(c, { cities, count: cities.length });
  });
  return app;
}
