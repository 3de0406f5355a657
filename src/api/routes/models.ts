// Model registry administration: retrain a city's model and hot-swap it in.
import { z } from '@hono/zod-openapi';
import { logger } from '../../log/index.js';
import type { AppDeps } from '../deps.js';
import { success } from '../envelope.js';
import { requireAdmin } from '../middleware/admin.js';
import { openApiApp } from '../openapi/app.js';
import { adminRoute, errors, ok } from '../openapi/responses.js';
import { citySlug } from '../schemas.js';

/** `POST /api/v1/models/:city/train` (admin): trains a new version, swaps it in, drops the city's cached results. */
export function modelRoutes(deps: Pick<AppDeps, 'registry' | 'models' | 'service' | 'config'>) {
  const train = adminRoute(requireAdmin({ token: deps.config.ADMIN_TOKEN }), {
    method: 'post',
    path: '/models/{city}/train',
    summary: 'Train a new model version for a city and hot-swap it in (admin)',
    request: { params: z.object({ city: citySlug }) },
    responses: { 201: ok('the trained model and the cache entries dropped'), ...errors('VALIDATION_FAILED', 'UNKNOWN_CITY', 'INSUFFICIENT_HISTORY') },
  });
  return openApiApp().openapi(train, async (c) => {
    const { city } = c.req.valid('param');
    const record = await deps.registry.trainCity(city);
    await deps.models.swap(city);
    const invalidated = await deps.service.invalidateCity(city);
    logger().info({ city, version: record.version, mape: record.mape, by: c.get('admin') }, 'model retrained and swapped in');
    return success(c, { model: record, invalidated_cache_entries: invalidated }, 201);
  });
}
