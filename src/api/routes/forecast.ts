// The 24 hourly values of one city and day.
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import { success, successOfShared } from '../envelope.js';
import { openApiApp } from '../openapi/app.js';
import { errors, ok } from '../openapi/responses.js';
import { forecastParams } from '../schemas.js';

const forecast = createRoute({
  method: 'get',
  path: '/forecast/{city}/{date}',
  summary: '24 hourly values of one city and day, with the model version and whether it came from cache',
  request: { params: forecastParams },
  responses: {
    200: ok('forecast'),
    ...errors('VALIDATION_FAILED', 'UNKNOWN_CITY', 'NO_WEATHER_DATA', 'MODEL_NOT_TRAINED', 'BATCH_QUEUE_FULL'),
  },
});

/** `GET /api/v1/forecast/:city/:date` */
export function forecastRoutes(deps: Pick<AppDeps, 'service'>) {
  return openApiApp().openapi(forecast, async (c) => {
    const { city, date } = c.req.valid('param');
    const forecast = await deps.service.forecast(city, date);
    // A cached forecast is one shared object (see PredictionService.forecast): serialised once.
    return forecast.cached ? successOfShared(c, forecast) : success(c, forecast);
  });
}
