// Recommendations in force (seed 003): filter by priority, with a priority breakdown.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../deps.js';
import { success } from '../../envelope.js';
import { readParams } from '../../middleware/json-body.js';
import type { RulesFacade } from './rules-facade.js';

const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
const listQuery = z.object({ priority: z.enum(PRIORITIES).optional(), category: z.string().max(50).optional() }).strict();

/** `GET recommendations?priority=&category=` */
export function recommendationRoutes(rules: RulesFacade) {
  const app = new Hono<AppEnv>();
  app.get('/recommendations', async (c) => {
    const q = readParams(c.req.query(), listQuery, 'query');
    const all = await rules.recommendations();
    const recommendations = all.filter((r) => (!q.priority || r.priority === q.priority) && (!q.category || r.category === q.category));
    const priority_breakdown = Object.fromEntries(PRIORITIES.map((p) => [p, all.filter((r) => r.priority === p).length]));
    return success(c, { recommendations, count: recommendations.length, priority_breakdown });
  });
  return app;
}
