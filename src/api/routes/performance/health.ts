// The performance health view (seed 003): score, status, components, alerts and recommendations.
import { Hono } from 'hono';
import { healthScore } from '../../../perf/summary.js';
import type { AppEnv } from '../../deps.js';
import { success } from '../../envelope.js';
import type { PerformanceDeps } from './deps.js';
import type { RulesFacade } from './rules-facade.js';

/** `GET health` */
export function healthRoutes(deps: PerformanceDeps, rules: RulesFacade) {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    const [ready, firing, recommendations] = await Promise.all([
      deps.readiness(),
      rules.alerts({ state: 'firing' }),
      rules.recommendations(),
    ]);
    const score = healthScore(deps.monitor.latest(), rules.scoredThresholds(), firing.length);
    const critical = firing.some((a) => a.severity === 'critical');
    const status = !ready.ready || critical ? 'unhealthy' : score < 80 || firing.length > 0 ? 'degraded' : 'healthy';
    return success(c, {
      status,
      health_score: score,
      components: ready.components,
      active_alerts: firing.length,
      alerts: firing.slice(0, 20),
      recommendations,
      rules: rules.status(),
      latest: deps.monitor.latest() ?? null,
    });
  });
  return app;
}
