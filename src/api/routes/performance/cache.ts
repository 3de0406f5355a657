// Cache management (seeds 002 and 003): statistics under both names, clear (all or by tags),
// cleanup of expired entries, and preload: the models, then the most requested forecasts.
import { createRoute, z } from '@hono/zod-openapi';
import { logger } from '../../../log/index.js';
import { success } from '../../envelope.js';
import { requireAdmin } from '../../middleware/admin.js';
import { openApiApp } from '../../openapi/app.js';
import { adminRoute, errors, jsonBody, ok } from '../../openapi/responses.js';
import type { PerformanceDeps } from './deps.js';

const clearBody = z.object({ tags: z.array(z.string().min(1).max(200)).min(1).max(100).optional() }).strict();
const preloadBody = z
  .object({ forecasts: z.number().int().min(0).max(1000).default(50).describe('how many of the most requested forecasts to warm') })
  .strict();

/** `cache/stats` = `cache/statistics`, `cache/clear`, `cache/cleanup`, `cache/preload` (writes: admin) */
export function cacheRoutes(deps: PerformanceDeps) {
  const admin = requireAdmin({ token: deps.adminToken });
  const stats = (path: string, seed: string) =>
    createRoute({
      method: 'get',
      path,
      summary: `Cache statistics (${seed}): hits, misses, evictions, hit rate, size, entries, utilization, L2, and the model cache`,
      responses: { 200: ok('cache statistics') },
    });
  const bodyErrors = errors('VALIDATION_FAILED', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE');
  const clear = adminRoute(admin, {
    method: 'post',
    path: '/cache/clear',
    summary: 'Empty the cache, or drop the entries carrying any of `tags` (admin)',
    request: { body: jsonBody(clearBody, false) },
    responses: { 200: ok('how many entries were cleared'), ...bodyErrors },
  });
  const cleanup = adminRoute(admin, {
    method: 'post',
    path: '/cache/cleanup',
    summary: 'Purge expired entries now (CACHE_CLEANUP_INTERVAL does it in the background) (admin)',
    responses: { 200: ok('entries removed') },
  });
  const preload = adminRoute(admin, {
    method: 'post',
    path: '/cache/preload',
    summary: 'Load every active model, then compute and cache the most requested forecasts not cached (admin)',
    request: { body: jsonBody(preloadBody, false) },
    responses: { 200: ok('models loaded and forecasts warmed'), ...bodyErrors },
  });

  const statsHandler = () => ({ ...deps.cache.stats(), models: deps.models.stats() });
  return openApiApp()
    .openapi(stats('/cache/stats', 'seed 003'), (c) => success(c, statsHandler()))
    .openapi(stats('/cache/statistics', 'seed 002; the same as cache/stats'), (c) => success(c, statsHandler()))
    .openapi(clear, async (c) => {
      const { tags } = c.req.valid('json');
      const cleared = tags ? await deps.cache.deleteByTags(tags) : await deps.cache.clear();
      logger().info({ tags: tags ?? 'all', cleared, by: c.get('admin') }, 'cache cleared');
      return success(c, {
        cleared,
        tags: tags ?? [],
        message: tags ? `Cleared ${cleared} cache entries with tags: ${tags.join(', ')}` : `Cleared ${cleared} cache entries`,
        timestamp: new Date().toISOString(),
      });
    })
    .openapi(cleanup, async (c) => {
      const removed = await deps.cache.cleanup();
      return success(c, { removed, stats: deps.cache.stats(), timestamp: new Date().toISOString() });
    })
    .openapi(preload, async (c) => {
      const { forecasts = 50 } = c.req.valid('json');
      const loaded = await deps.models.preload();
      const warm = await deps.service.warmHottest(forecasts);
      logger().info({ models: loaded, warmed: warm.warmed, cached: warm.already_cached, failed: warm.failed, by: c.get('admin') }, 'cache preloaded');
      return success(c, { models_loaded: loaded, forecasts: warm, stats: deps.models.stats(), timestamp: new Date().toISOString() });
    });
}
