// Point predictions, one or a bounded batch; each goes through the cache and the batcher.
import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import { success } from '../envelope.js';
import { openApiApp } from '../openapi/app.js';
import { errors, jsonBody, ok } from '../openapi/responses.js';
import { predictBatchRequest, predictRequest } from '../schemas.js';

const FAILURES = errors('VALIDATION_FAILED', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'UNKNOWN_CITY', 'NO_WEATHER_DATA', 'PAYLOAD_TOO_LARGE', 'BATCH_QUEUE_FULL');

/** `POST /api/v1/predict` and `POST /api/v1/predict/batch` */
export function predictRoutes(deps: Pick<AppDeps, 'service' | 'config'>) {
  const maxItems = deps.config.PREDICT_BATCH_MAX_ITEMS;
  const one = createRoute({
    method: 'post',
    path: '/predict',
    summary: 'Predict the demand of one city at one timestamp',
    request: { body: jsonBody(predictRequest) },
    responses: { 200: ok('prediction'), ...FAILURES },
  });
  const batch = createRoute({
    method: 'post',
    path: '/predict/batch',
    summary: `Predict up to ${maxItems} items (PREDICT_BATCH_MAX_ITEMS) in one call`,
    request: { body: jsonBody(predictBatchRequest(maxItems)) },
    responses: { 200: ok('predictions in the order of the items'), ...FAILURES },
  });

  return openApiApp()
    .openapi(one, async (c) => {
      const body = c.req.valid('json');
      return success(c, await deps.service.predict(body.city, body.timestamp, body.temperature));
    })
    .openapi(batch, async (c) => {
      const { items } = c.req.valid('json');
      // Submitted together, so the batcher can cut them into as few inference calls as possible.
      const predictions = await Promise.all(items.map((i) => deps.service.predict(i.city, i.timestamp, i.temperature)));
      return success(c, { predictions, count: predictions.length });
    });
}
