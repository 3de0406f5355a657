// Cache management (seed 002/003): statistics, clear by tags, cleanup, model preload.
import { Hono } from 'hono';
import { z } from 'zod';
import { logger } from '../../../log/index.js';
import type { AppEnv } from '../../deps.js';
import { success } from '../../envelope.js';
import { requireAdmin } from '../../middleware/admin.js';
import { readJson } from '../../middleware/json-body.js';
import type { PerformanceDeps } from './deps.js';

const clearBody = z.object({ tags: z.array(z.string().min(1).max(200)).min(1).max(100).optional() }).strict();

/** `cache/stats`, `cache/clear`, `cache/cleanup`, `cache/preload` */
export function cacheRoutes(deps: PerformanceDeps) {
  const app = new Hono<AppEnv>();
  const admin = requireAdmin({ token: deps.adminToken });

  app.get('/cache/stats', (c) => success(c, { ...deps.cache.stats(), models: deps.models.stats() }));

  app.post('/cache/clear', admin, async (c) => {
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0;
    const { tags } = hasBody ? await readJson(c, clearBody) : { tags: undefined };
    const cleared = tags ? await deps.cache.deleteByTags(tags) : await deps.cache.clear();
    logger().info({ tags: tags ?? 'all', cleared, by: c.get('admin') }, 'cache cleared');
    return success(c, {
      cleared,
      tags: tags ?? [],
      message: tags ? `Cleared ${cleared} cache entries with tags: ${tags.join(', ')}` : `Cleared ${cleared} cache entries`,
      timestamp: new Date().toISOString(),
    });
  });

  app.post('/cache/cleanup', admin, async (c) => {
    const removed = await deps.cache.cleanup();
    return success(c, { removed, stats: deps.cache.stats(), timestamp: new Date().toISOString() });
  });

  app.post('/cache/preload', admin, async (c) => {
    const loaded = await deps.models.preload();
    return success(c, { models_loaded: loaded, stats: deps.models.stats(), timestamp: new Date().toISOString() });
  });
  return app;
}
