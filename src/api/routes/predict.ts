// Point predictions, one or a bounded batch; each goes through the cache and the batcher.
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../deps.js';
import { success } from '../envelope.js';
import { readJson } from '../middleware/json-body.js';
import { predictBatchRequest, predictRequest } from '../schemas.js';

/** `POST /api/v1/predict` and `POST /api/v1/predict/batch` */
export function predictRoutes(deps: Pick<AppDeps, 'service' | 'config'>) {
  const app = new Hono<AppEnv>();
  const batchSchema = predictBatchRequest(deps.config.PREDICT_BATCH_MAX_ITEMS);

  app.post('/predict', async (c) => {
    const body = await readJson(c, predictRequest);
    return success(c, await deps.service.predict(body.city, body.timestamp, body.temperature));
  });

  app.post('/predict/batch', async (c) => {
    const { items } = await readJson(c, batchSchema);
    // Submitted together, so the batcher can cut them into as few inference calls as possible.
    const predictions = await Promise.all(items.map((i) => deps.service.predict(i.city, i.timestamp, i.temperature)));
    return success(c, { predictions, count: predictions.length });
  });
  return app;
}
