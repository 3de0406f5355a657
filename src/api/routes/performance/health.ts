// The performance health view (seed 003 `health`, seed 002 `summary`: one implementation under
// both paths): score, status, components, alerts, recommendations and the live request figures.
import { createRoute } from '@hono/zod-openapi';
import { healthScore } from '../../../perf/summary.js';
import { success } from '../../envelope.js';
import { openApiApp } from '../../openapi/app.js';
import { ok } from '../../openapi/responses.js';
import type { PerformanceDeps } from './deps.js';
import type { RulesFacade } from '../../../rules/index.js';

/** `GET health` and its alias `GET summary` */
export function healthRoutes(deps: PerformanceDeps, rules: RulesFacade) {
  const view = (path: string, seed: string) =>
    createRoute({
      method: 'get',
      path,
      summary: `Health (${seed}): status, health score, components, firing alerts, recommendations, rules status`,
      responses: { 200: ok('the dashboard summary') },
    });
  const handler = async () => {
    const [ready, firing, recommendations] = await Promise.all([
      deps.readiness(),
      rules.alerts({ state: 'firing' }),
      rules.recommendations(),
    ]);
    const score = healthScore(deps.monitor.latest(), rules.thresholds(), firing.length);
    const critical = firing.some((a) => a.severity === 'critical');
    const status = !ready.ready || critical ? 'unhealthy' : score < 80 || firing.length > 0 ? 'degraded' : 'healthy';
    return {
      status,
      health_score: score,
      components: ready.components,
      active_alerts: firing.length,
      alerts: firing.slice(0, 20),
      recommendations,
      requests: deps.requests?.figures() ?? null,
      rules: rules.status(),
      latest: deps.monitor.latest() ?? null,
    };
  };
  return openApiApp()
    .openapi(view('/health', 'seed 003'), async (c) => success(c, await handler()))
    .openapi(view('/summary', 'seed 002; the same as health'), async (c) => success(c, await handler()));
}
