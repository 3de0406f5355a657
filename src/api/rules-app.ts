// The HTTP application of the rules service run alone (`foresight rules serve`): the probes and
// the part of the performance API that belongs to the rules service — alerts, manual resolve,
// thresholds, recommendations and the alert webhook — over the same routes and envelope as in
// the API process, so a client cannot tell where the rules service runs.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, Readiness } from './deps.js';
import { onError, onNotFound } from './envelope.js';
import { ApiError } from './errors.js';
import { healthRoutes } from './routes/health.js';
import { rateLimit, type RateLimitOptions } from './middleware/rate-limit.js';
import { apiResponseHeaders } from './middleware/response-headers.js';
import type { WebhookAuthOptions } from './middleware/webhook-auth.js';
import { alertWebhookRoutes } from './routes/performance/alert-webhook.js';
import { alertRoutes } from './routes/performance/alerts.js';
import { recommendationRoutes } from './routes/performance/recommendations.js';
import type { RulesFacade } from '../rules/index.js';
import { thresholdRoutes } from './routes/performance/thresholds.js';

/** Dependencies of {@link createRulesApp}. */
export interface RulesAppDeps {
  rules: RulesFacade;
  readiness: () => Promise<Readiness>;
  /** ADMIN_TOKEN; undefined refuses every admin call. */
  adminToken: string | undefined;
  /** MAX_BODY_BYTES. */
  maxBodyBytes: number;
  /** Credentials the alert webhook requires (ALERT_RECEIVER_TOKEN, ALERT_RECEIVER_BASIC_AUTH); none: open. */
  webhookAuth?: WebhookAuthOptions;
  /** The per-client rate limits, as in the API process; absent or all off: no limit. */
  rateLimit?: RateLimitOptions;
}

/** Builds the rules service's Hono app. */
export function createRulesApp(deps: RulesAppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.route('/', healthRoutes(deps));
  const performance = new Hono<AppEnv>();
  performance.use(
    '*',
    apiResponseHeaders(),
    ...(deps.rateLimit?.limits.enabled ? [rateLimit(deps.rateLimit)] : []),
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new ApiError('PAYLOAD_TOO_LARGE', `request body is larger than MAX_BODY_BYTES (${deps.maxBodyBytes} bytes)`);
      },
    }),
  );
  performance.route('/', alertWebhookRoutes(deps.webhookAuth));
  performance.route('/', alertRoutes(deps, deps.rules));
  performance.route('/', thresholdRoutes(deps, deps.rules));
  performance.route('/', recommendationRoutes(deps.rules));
  app.route('/api/v1/performance', performance);
  return app;
}
