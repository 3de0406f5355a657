// The HTTP application: probes, the prediction API under /api/v1, the performance API, silences
// in Alertmanager's form under /api/v2, the console, and the OpenAPI document of all of them.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { consoleRoutes } from '../console/index.js';
import { logger } from '../log/index.js';
import { RequestWindow } from '../perf/requests.js';
import type { AppDeps, AppEnv } from './deps.js';
import { onError, onNotFound } from './envelope.js';
import { requestBodyLimit } from './middleware/body-limit.js';
import { emptyJsonBody } from './middleware/empty-body.js';
import { rateLimit } from './middleware/rate-limit.js';
import { apiResponseHeaders } from './middleware/response-headers.js';
import { requestLog } from './middleware/request-log.js';
import { openApiApp } from './openapi/app.js';
import { serveOpenApi } from './openapi/document.js';
import { alertmanagerSilenceRoutes } from './routes/alertmanager.js';
import { cityRoutes } from './routes/cities.js';
import { forecastRoutes } from './routes/forecast.js';
import { healthRoutes } from './routes/health.js';
import { modelRoutes } from './routes/models.js';
import { performanceRoutes } from './routes/performance/index.js';
import { predictRoutes } from './routes/predict.js';
import { traceRoutes } from './routes/traces.js';

export type { AppDeps, Readiness } from './deps.js';
export { ApiError, errorCodes, type ErrorCode } from './errors.js';
export { createRulesApp, type RulesAppDeps } from './rules-app.js';
export { traceRoutes } from './routes/traces.js';
export { alertsLink, traceLink } from './links.js';

const DESCRIPTION = 'Energy-demand forecasts per city, the performance API and its alerts, instrumented with OpenTelemetry.';

/** Builds the Hono app over `deps`. */
export function createApp(given: AppDeps, version = '0.0.0'): OpenAPIHono<AppEnv> {
  const deps = { ...given, requests: given.requests ?? new RequestWindow() };
  const app = openApiApp();
  app.onError(onError);
  app.notFound(onNotFound);
  app.use('*', requestLog({ logger, window: deps.requests }));
  app.route('/', healthRoutes(deps));

  const limit = requestBodyLimit(deps.config.MAX_BODY_BYTES);
  // Before the body is read: a client over its limit costs no more than the refusal.
  const perClient = deps.limits?.enabled
    ? [rateLimit({ limits: deps.limits, trustProxyHops: deps.config.TRUST_PROXY_HOPS })]
    : [];
  const v1 = openApiApp();
  v1.use('*', apiResponseHeaders(), ...perClient, limit, emptyJsonBody());
  v1.route('/', cityRoutes(deps));
  v1.route('/', predictRoutes(deps));
  v1.route('/', forecastRoutes(deps));
  v1.route('/', modelRoutes(deps));
  v1.route('/performance', performanceRoutes(
      {
        ...deps,
        adminToken: deps.config.ADMIN_TOKEN,
        webhookAuth: { token: deps.config.ALERT_RECEIVER_TOKEN, basic: deps.config.ALERT_RECEIVER_BASIC_AUTH },
      },
      deps.rules,
    ));
  if (deps.traces) v1.route('/', traceRoutes(deps.traces));
  app.route('/api/v1', v1);

  const v2 = openApiApp();
  v2.use('*', apiResponseHeaders(), ...perClient, limit, emptyJsonBody());
  v2.route('/', alertmanagerSilenceRoutes(deps));
  app.route('/api/v2', v2);

  app.route('/', consoleRoutes());
  serveOpenApi(app, version, DESCRIPTION, { rateLimited: perClient.length > 0 });
  return app;
}
