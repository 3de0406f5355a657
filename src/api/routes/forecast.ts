// The 24 hourly values of one city and day.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.js';
import { success } from '../envelope.js';
import { readParams } from '../middleware/json-body.js';
import { forecastParams } from '../schemas.js';

/** `GET /api/v1/forecast/:city/:date` */
export function forecastRoutes(deps: Pick<AppDeps, 'service'>) {
  const app = new Hono<AppEnv>();
  app.get('/forecast/:city/:date', async (c) => {
    const { city, date } = readParams(c.req.param(), forecastParams, 'path');
    return success(c, await deps.service.forecast(city, date));
  });
  return app;
}
