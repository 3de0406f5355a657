// Batch processing (seed 002): statistics, and the configuration changed at runtime.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.js';
import { success } from '../../envelope.js';
import { requireAdmin } from '../../middleware/admin.js';
import { readJson } from '../../middleware/json-body.js';
import type { PerformanceDeps } from './deps.js';

const configBody = z
  .object({
    maxBatchSize: z.number().int().min(1).max(1024),
    maxWaitMs: z.number().int().min(0).max(10_000),
    maxConcurrentBatches: z.number().int().min(1).max(64),
    maxQueue: z.number().int().min(1).max(100_000),
    enabled: z.boolean(),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'at least one of maxBatchSize, maxWaitMs, maxConcurrentBatches, maxQueue, enabled');

/** `batch/statistics`, `PUT batch/config` */
export function batchRoutes(deps: PerformanceDeps) {
  const app = new Hono<AppEnv>();
  const batcher = () => deps.service.batcher;
  app.get('/batch/statistics', (c) => success(c, { ...batcher().stats(), config: batcher().config() }));
  app.get('/batch/config', (c) => success(c, batcher().config()));
  app.put('/batch/config', requireAdmin({ token: deps.adminToken }), async (c) => {
    const patch = await readJson(c, configBody);
    return success(c, batcher().configure(patch));
  });
  return app;
}
