// Performance alerts (seed 002/003): list with filters and a severity breakdown on both
// severity scales (src/rules/severity.ts); manual resolve.
import { createRoute, z } from '@hono/zod-openapi';
import { logger } from '../../../log/index.js';
import { RULE_SEVERITIES, SEED_LEVELS, severityBreakdown, severityMatches } from '../../../rules/severity.js';
import { success } from '../../envelope.js';
import { ApiError } from '../../errors.js';
import { requireAdmin } from '../../middleware/admin.js';
import { openApiApp } from '../../openapi/app.js';
import { adminRoute, errors, ok } from '../../openapi/responses.js';
import type { PerformanceDeps } from './deps.js';
import type { RulesFacade } from '../../../rules/index.js';

const SEVERITIES = [...new Set([...SEED_LEVELS, ...RULE_SEVERITIES])] as [string, ...string[]];

const listQuery = z
  .object({
    severity: z.enum(SEVERITIES).optional().describe('either scale: info/warning/critical, or seed 003 low/medium/high/critical (info=low, warning=high)'),
    state: z.enum(['pending', 'firing', 'resolved']).optional(),
  })
  .strict();

/** `GET alerts?severity=&state=`, `POST alerts/:id/resolve` (admin) */
export function alertRoutes(deps: Pick<PerformanceDeps, 'adminToken'>, rules: RulesFacade) {
  const list = createRoute({
    method: 'get',
    path: '/alerts',
    summary: 'Alerts, newest first, with a severity breakdown on both scales',
    request: { query: listQuery },
    responses: { 200: ok('alerts, count and severity_breakdown'), ...errors('VALIDATION_FAILED') },
  });
  const resolve = adminRoute(requireAdmin({ token: deps.adminToken }), {
    method: 'post',
    path: '/alerts/{id}/resolve',
    summary: 'Resolve an alert by hand (admin); it fires again only after its condition cleared once',
    request: { params: z.object({ id: z.string().min(1).max(128) }) },
    responses: { 200: ok('the resolved alert'), ...errors('NOT_FOUND') },
  });

  return openApiApp()
    .openapi(list, async (c) => {
      const q = c.req.valid('query');
      const all = await rules.alerts({ state: q.state });
      const alerts = q.severity ? all.filter((a) => severityMatches(a.severity, q.severity!)) : all;
      return success(c, { alerts, count: alerts.length, severity_breakdown: severityBreakdown(all.map((a) => a.severity)) });
    })
    .openapi(resolve, async (c) => {
      const { id } = c.req.valid('param');
      const resolved = await rules.resolve(id, c.get('admin'));
      if (!resolved) throw new ApiError('NOT_FOUND', `no active alert with id "${id}"`);
      logger().info({ alert: id, alertname: resolved.alertname, by: c.get('admin') }, 'alert resolved manually');
      return success(c, resolved);
    });
}
