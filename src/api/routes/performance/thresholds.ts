// Thresholds: read, and tune at runtime (admin; validated, persisted, logged with who and when).
// Two spellings of one update: seed 003's levels per threshold name
// (`{"cache_hit_rate":{"warning":75}}`) and seed 002's single limits
// (`{"predictionLatencyMs":80,"cacheHitRatePercent":85}`), which set the warning level.
import { createRoute, z } from '@hono/zod-openapi';
import { logger } from '../../../log/index.js';
import { success } from '../../envelope.js';
import { requireAdmin } from '../../middleware/admin.js';
import { openApiApp } from '../../openapi/app.js';
import { adminRoute, errors, jsonBody, ok } from '../../openapi/responses.js';
import type { PerformanceDeps } from './deps.js';
import type { RulesFacade, ThresholdPatch } from '../../../rules/index.js';

/** Seed 002's field → the threshold whose warning level it sets. */
export const SEED_002_THRESHOLDS = {
  predictionLatencyMs: 'prediction_latency',
  cacheHitRatePercent: 'cache_hit_rate',
  memoryUsagePercent: 'memory_usage',
  cpuUsagePercent: 'cpu_usage',
  errorRatePercent: 'error_rate',
  queueSizeMax: 'queue_size',
} as const;

const level = z.number().refine(Number.isFinite, 'a finite number');
const levels = z.object({ warning: level, critical: level }).partial().strict();
const seed002 = Object.fromEntries(
  Object.entries(SEED_002_THRESHOLDS).map(([field, name]) => [field, level.optional().describe(`seed 002: the warning level of ${name}`)]),
) as Record<keyof typeof SEED_002_THRESHOLDS, z.ZodOptional<typeof level>>;

// One object: seed 002's fields by name, any other key a threshold name with its levels.
const patchBody = z
  .object(seed002)
  .catchall(levels)
  .refine((p) => Object.keys(p).length > 0, 'at least one threshold');

/** The body as per-threshold levels; seed 002's fields become warning levels. */
export function toThresholdPatch(body: Record<string, unknown>): ThresholdPatch {
  const patch: ThresholdPatch = {};
  for (const [key, value] of Object.entries(body)) {
    const name = SEED_002_THRESHOLDS[key as keyof typeof SEED_002_THRESHOLDS];
    if (name) patch[name] = { ...patch[name], warning: value as number };
    else patch[key] = { ...patch[key], ...(value as ThresholdPatch[string]) };
  }
  return patch;
}

/** `GET thresholds`, `PUT thresholds` (admin) */
export function thresholdRoutes(deps: Pick<PerformanceDeps, 'adminToken'>, rules: RulesFacade) {
  const read = createRoute({
    method: 'get',
    path: '/thresholds',
    summary: 'Thresholds in force, with their warning and critical levels',
    responses: { 200: ok('thresholds') },
  });
  const update = adminRoute(requireAdmin({ token: deps.adminToken }), {
    method: 'put',
    path: '/thresholds',
    summary: 'Change threshold levels at runtime (admin): seed 003 levels per name, or seed 002 single limits',
    request: { body: jsonBody(patchBody) },
    responses: { 200: ok('thresholds after the change'), ...errors('VALIDATION_FAILED', 'INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE') },
  });

  return openApiApp()
    .openapi(read, (c) => success(c, { thresholds: rules.thresholds() }))
    .openapi(update, async (c) => {
      const patch = toThresholdPatch(c.req.valid('json'));
      const thresholds = await rules.updateThresholds(patch, c.get('admin'));
      logger().info({ patch, by: c.get('admin'), at: new Date().toISOString() }, 'thresholds updated');
      return success(c, { thresholds, updated: Object.keys(patch) });
    });
}
