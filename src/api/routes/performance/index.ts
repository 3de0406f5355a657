// The performance API under /api/v1/performance/ (seed 002 and 003 endpoints; where the seeds
// name one thing twice, both paths answer from one implementation).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../deps.js';
import { openApiApp } from '../../openapi/app.js';
import { alertWebhookRoutes } from './alert-webhook.js';
import { alertRoutes } from './alerts.js';
import { batchRoutes } from './batch.js';
import { cacheRoutes } from './cache.js';
import type { PerformanceDeps } from './deps.js';
import { healthRoutes } from './health.js';
import { metricsRoutes } from './metrics.js';
import { recommendationRoutes } from './recommendations.js';
import type { RulesFacade } from '../../../rules/index.js';
import { silenceRoutes } from './silences.js';
import { thresholdRoutes } from './thresholds.js';

export type { PerformanceDeps } from './deps.js';

/** Mounted at `/api/v1/performance`. */
export function performanceRoutes(deps: PerformanceDeps, rules: RulesFacade): OpenAPIHono<AppEnv> {
  const app = openApiApp();
  // Typed as plain route groups: their route types merged into one would be too large for tsc.
  const groups: Array<OpenAPIHono<AppEnv>> = [
    metricsRoutes(deps, rules),
    healthRoutes(deps, rules),
    alertWebhookRoutes(deps.webhookAuth),
    alertRoutes(deps, rules),
    silenceRoutes(deps, rules),
    thresholdRoutes(deps, rules),
    recommendationRoutes(rules),
    batchRoutes(deps),
    cacheRoutes(deps),
  ];
  for (const group of groups) app.route('/', group);
  return app;
}
