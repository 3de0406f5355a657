// Model registry administration: retrain a city's model and hot-swap it in.
import { Hono } from 'hono';
import { logger } from '../../log/index.js';
import type { AppDeps, AppEnv } from '../deps.js';
import { success } from '../envelope.js';
import { readParams } from '../middleware/json-body.js';
import { requireAdmin } from '../middleware/admin.js';
import { z } from 'zod';
import { citySlug } from '../schemas.js';

/** `POST /api/v1/models/:city/train` (admin): trains a new version, swaps it in, drops the city's cached results. */
export function modelRoutes(deps: Pick<AppDeps, 'registry' | 'models' | 'service' | 'config'>) {
  const app = new Hono<AppEnv>();
  app.post('/models/:city/train', requireAdmin({ token: deps.config.ADMIN_TOKEN }), async (c) => {
    const { city } = readParams(c.req.param(), z.object({ city: citySlug }), 'path');
    const record = await deps.registry.trainCity(city);
    await deps.models.swap(city);
    const invalidated = await deps.service.invalidateCity(city);
    logger().info({ city, version: record.version, mape: record.mape, by: c.get('admin') }, 'model retrained and swapped in');
    return success(c, { model: record, invalidated_cache_entries: invalidated }, 201);
  });
  return app;
}
