// Thresholds: read, and tune at runtime (admin; validated, persisted, logged with who and when).
import { Hono } from 'hono';
import { z } from 'zod';
import { logger } from '../../../log/index.js';
import type { AppEnv } from '../../deps.js';
import { success } from '../../envelope.js';
import { requireAdmin } from '../../middleware/admin.js';
import { readJson } from '../../middleware/json-body.js';
import type { PerformanceDeps } from './deps.js';
import type { RulesFacade } from './rules-facade.js';

const level = z.number().refine(Number.isFinite, 'a finite number');
const patchBody = z
  .record(z.string().min(1).max(100), z.object({ warning: level, critical: level }).partial().strict())
  .refine((p) => Object.keys(p).length > 0, 'at least one threshold');

/** `GET thresholds`, `PUT thresholds` (admin) */
export function thresholdRoutes(deps: Pick<PerformanceDeps, 'adminToken'>, rules: RulesFacade) {
  const app = new Hono<AppEnv>();
  app.get('/thresholds', (c) => success(c, { thresholds: rules.thresholds() }));
  app.put('/thresholds', requireAdmin({ token: deps.adminToken }), async (c) => {
    const patch = await readJson(c, patchBody);
    const thresholds = await rules.updateThresholds(patch, c.get('admin'));
    logger().info({ patch, by: c.get('admin'), at: new Date().toISOString() }, 'thresholds updated');
    return success(c, { thresholds, updated: Object.keys(patch) });
  });
  return app;
}
