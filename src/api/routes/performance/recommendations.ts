// Recommendations in force (seed 003): filter by priority, with a priority breakdown.
import { createRoute, z } from '@hono/zod-openapi';
import { success } from '../../envelope.js';
import { openApiApp } from '../../openapi/app.js';
import { errors, ok } from '../../openapi/responses.js';
import type { RulesFacade } from '../../../rules/index.js';

const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
const listQuery = z.object({ priority: z.enum(PRIORITIES).optional(), category: z.string().max(50).optional() }).strict();

const list = createRoute({
  method: 'get',
  path: '/recommendations',
  summary: 'Recommendations in force, with a priority breakdown',
  request: { query: listQuery },
  responses: { 200: ok('recommendations, count and priority_breakdown'), ...errors('VALIDATION_FAILED') },
});

/** `GET recommendations?priority=&category=` */
export function recommendationRoutes(rules: RulesFacade) {
  return openApiApp().openapi(list, async (c) => {
    const q = c.req.valid('query');
    const all = await rules.recommendations();
    const recommendations = all.filter((r) => (!q.priority || r.priority === q.priority) && (!q.category || r.category === q.category));
    const priority_breakdown = Object.fromEntries(PRIORITIES.map((p) => [p, all.filter((r) => r.priority === p).length]));
    return success(c, { recommendations, count: recommendations.length, priority_breakdown });
  });
}
