// Performance alerts (seed 002/003): list with filters and a severity breakdown; manual resolve.
import { Hono } from 'hono';
import { z } from 'zod';
import { logger } from '../../../log/index.js';
import type { AppEnv } from '../../deps.js';
import { success } from '../../envelope.js';
import { ApiError } from '../../errors.js';
import { requireAdmin } from '../../middleware/admin.js';
import { readParams } from '../../middleware/json-body.js';
import type { PerformanceDeps } from './deps.js';
import type { RulesFacade } from './rules-facade.js';

const SEVERITIES = ['low', 'medium', 'high', 'info', 'warning', 'critical'] as const;
const listQuery = z
  .object({
    severity: z.enum(SEVERITIES).optional(),
    state: z.enum(['pending', 'firing', 'resolved']).optional(),
  })
  .strict();

/** `GET alerts?severity=&state=`, `POST alerts/:id/resolve` (admin) */
export function alertRoutes(deps: Pick<PerformanceDeps, 'adminToken'>, rules: RulesFacade) {
  const app = new Hono<AppEnv>();
  app.get('/alerts', async (c) => {
    const q = readParams(c.req.query(), listQuery, 'query');
    const all = await rules.alerts({ state: q.state });
    const alerts = q.severity ? all.filter((a) => a.severity === q.severity) : all;
    const severity_breakdown: Record<string, number> = { info: 0, warning: 0, critical: 0 };
    for (const a of all) severity_breakdown[a.severity] = (severity_breakdown[a.severity] ?? 0) + 1;
    return success(c, { alerts, count: alerts.length, severity_breakdown });
  });

  app.post('/alerts/:id/resolve', requireAdmin({ token: deps.adminToken }), async (c) => {
    const { id } = readParams(c.req.param(), z.object({ id: z.string().min(1).max(128) }), 'path');
    const resolved = await rules.resolve(id, c.get('admin'));
    if (!resolved) throw new ApiError('NOT_FOUND', `no active alert with id "${id}"`);
    logger().info({ alert: id, alertname: resolved.alertname, by: c.get('admin') }, 'alert resolved manually');
    return success(c, resolved);
  });
  return app;
}
