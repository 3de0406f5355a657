// Liveness and readiness probes (outside /api/v1, no envelope: load balancers read the status code).
import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps, Readiness } from '../deps.js';
import { openApiApp } from '../openapi/app.js';

const component = z.object({ status: z.enum(['up', 'down', 'degraded', 'disabled']), detail: z.string().optional() });
const readyBody = z.object({ status: z.enum(['ready', 'degraded', 'not_ready']), components: z.record(z.string(), component) });

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process answers',
  responses: { 200: { description: 'alive', content: { 'application/json': { schema: z.object({ status: z.literal('ok'), uptime_s: z.number() }) } } } },
});
const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  summary: "Readiness, with each component's state",
  responses: {
    200: { description: 'ready', content: { 'application/json': { schema: readyBody } } },
    503: { description: 'not ready', content: { 'application/json': { schema: readyBody } } },
  },
});

/** `GET /healthz` (the process answers) and `GET /readyz` (each component's state; 503 until ready). */
export function healthRoutes(deps: Pick<AppDeps, 'readiness'>) {
  return openApiApp()
    .openapi(healthz, (c) => c.json({ status: 'ok' as const, uptime_s: Math.round(process.uptime()) }, 200))
    .openapi(readyz, async (c) => {
      const r = await deps.readiness();
      return r.ready ? c.json({ status: readyStatus(r), components: r.components }, 200) : c.json({ status: 'not_ready' as const, components: r.components }, 503);
    });
}

/** `degraded` while a component is down or degraded but the instance still serves (a database or Redis outage). */
function readyStatus(r: Readiness): 'ready' | 'degraded' {
  return Object.values(r.components).some((c) => c.status === 'down' || c.status === 'degraded') ? 'degraded' : 'ready';
}
