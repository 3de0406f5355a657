// Batch processing (seed 002): statistics, and the configuration changed at runtime. The update
// takes this API's names and seed 002's (`maxWaitTime`, `enableBatching`) for the same fields.
import { createRoute, z } from '@hono/zod-openapi';
import type { BatcherOptions } from '../../../batch/index.js';
import { success } from '../../envelope.js';
import { requireAdmin } from '../../middleware/admin.js';
import { openApiApp } from '../../openapi/app.js';
import { adminRoute, errors, jsonBody, ok } from '../../openapi/responses.js';
import type { PerformanceDeps } from './deps.js';

const waitMs = z.number().int().min(0).max(10_000);
const configBody = z
  .object({
    maxBatchSize: z.number().int().min(1).max(1024),
    maxWaitMs: waitMs,
    maxWaitTime: waitMs.describe('seed 002 spelling of maxWaitMs'),
    maxConcurrentBatches: z.number().int().min(1).max(64),
    maxQueue: z.number().int().min(1).max(100_000),
    enabled: z.boolean(),
    enableBatching: z.boolean().describe('seed 002 spelling of enabled'),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'at least one of maxBatchSize, maxWaitMs, maxConcurrentBatches, maxQueue, enabled')
  .refine((b) => b.maxWaitMs === undefined || b.maxWaitTime === undefined, { message: 'give maxWaitMs or maxWaitTime, not both', path: ['maxWaitTime'] })
  .refine((b) => b.enabled === undefined || b.enableBatching === undefined, { message: 'give enabled or enableBatching, not both', path: ['enableBatching'] });

/** The update with seed 002's names mapped onto the batcher's. */
export function toBatchPatch(body: z.infer<typeof configBody>): Partial<BatcherOptions> {
  const { maxWaitTime, enableBatching, ...rest } = body;
  return {
    ...rest,
    ...(maxWaitTime !== undefined ? { maxWaitMs: maxWaitTime } : {}),
    ...(enableBatching !== undefined ? { enabled: enableBatching } : {}),
  };
}

/** `batch/statistics`, `batch/config`, `PUT batch/config` (admin) */
export function batchRoutes(deps: PerformanceDeps) {
  const batcher = () => deps.service.batcher;
  const statistics = createRoute({
    method: 'get',
    path: '/batch/statistics',
    summary: 'Batches, items, average size, efficiency, waits, queue, and the configuration',
    responses: { 200: ok('batch statistics') },
  });
  const read = createRoute({ method: 'get', path: '/batch/config', summary: 'The batcher configuration in force', responses: { 200: ok('configuration') } });
  const update = adminRoute(requireAdmin({ token: deps.adminToken }), {
    method: 'put',
    path: '/batch/config',
    summary: 'Change the batcher configuration at runtime (admin)',
    request: { body: jsonBody(configBody) },
    responses: { 200: ok('configuration after the change'), ...errors('VALIDATION_FAILED', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE') },
  });
  return openApiApp()
    .openapi(statistics, (c) => success(c, { ...batcher().stats(), config: batcher().config() }))
    .openapi(read, (c) => success(c, batcher().config()))
    .openapi(update, (c) => success(c, batcher().configure(toBatchPatch(c.req.valid('json')))));
}
