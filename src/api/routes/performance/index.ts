// The performance API under /api/v1/performance/ (seed 002 and 003 endpoints).
import { Hono } from 'hono';
import type { AppEnv } from '../../deps.js';
import { alertWebhookRoutes } from './alert-webhook.js';
import { alertRoutes } from './alerts.js';
import { batchRoutes } from './batch.js';
import { cacheRoutes } from './cache.js';
import type { PerformanceDeps } from './deps.js';
import { healthRoutes } from './health.js';
import { metricsRoutes } from './metrics.js';
import { recommendationRoutes } from './recommendations.js';
import type { RulesFacade } from './rules-facade.js';
import { thresholdRoutes } from './thresholds.js';

export type { PerformanceDeps } from './deps.js';
export type { AlertView, RecommendationView, RulesFacade, ThresholdPatch } from './rules-facade.js';

/** Mounted at `/api/v1/performance`. */
export function performanceRoutes(deps: PerformanceDeps, rules: RulesFacade) {
  const app = new Hono<AppEnv>();
  app.route('/', metricsRoutes(deps, rules));
  app.route('/', healthRoutes(deps, rules));
  app.route('/', alertWebhookRoutes());
  app.route('/', alertRoutes(deps, rules));
  app.route('/', thresholdRoutes(deps, rules));
  app.route('/', recommendationRoutes(rules));
  app.route('/', batchRoutes(deps));
  app.route('/', cacheRoutes(deps));
  return app;
}
