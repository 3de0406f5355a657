// Liveness and readiness probes (outside /api/v1, no envelope: load balancers read the status code).
import { Hono } from 'hono';
import type { AppDeps, AppEnv, Readiness } from '../deps.js';

/** `GET /healthz` (the process answers) and `GET /readyz` (each component's state; 503 until ready). */
export function healthRoutes(deps: Pick<AppDeps, 'readiness'>) {
  const app = new Hono<AppEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok', uptime_s: Math.round(process.uptime()) }));
  app.get('/readyz', async (c) => {
    const r = await deps.readiness();
    return c.json({ status: r.ready ? readyStatus(r) : 'not_ready', components: r.components }, r.ready ? 200 : 503);
  });
  return app;
}

/** `degraded` while a component is down or degraded but the instance still serves (a database or Redis outage). */
function readyStatus(r: Readiness): 'ready' | 'degraded' {
  return Object.values(r.components).some((c) => c.status === 'down' || c.status === 'degraded') ? 'degraded' : 'ready';
}
