// The HTTP application: probes, the prediction API under /api/v1, and the OpenAPI document.
import { Hono } from 'hono';
import { consoleRoutes } from '../console/index.js';
import { traceRoutes } from '../traces/index.js';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from './deps.js';
import { onError, onNotFound } from './envelope.js';
import { ApiError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { cityRoutes } from './routes/cities.js';
import { forecastRoutes } from './routes/forecast.js';
import { healthRoutes } from './routes/health.js';
import { modelRoutes } from './routes/models.js';
import { performanceRoutes } from './routes/performance/index.js';
import { predictRoutes } from './routes/predict.js';

export type { AppDeps, Readiness } from './deps.js';
export { ApiError, errorCodes, type ErrorCode } from './errors.js';
export { createRulesApp, type RulesAppDeps } from './rules-app.js';

/** Builds the Hono app over `deps`; `extend` lets later parts (performance API, console) add routes. */
export function createApp(deps: AppDeps, version = '0.0.0'): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.notFound(onNotFound);
  app.route('/', healthRoutes(deps));

  const openapi = openApiDocument(version, deps.config.PREDICT_BATCH_MAX_ITEMS);
  app.get('/openapi.json', (c) => c.json(openapi));

  const v1 = new Hono<AppEnv>();
  v1.use(
    '*',
    bodyLimit({
      maxSize: deps.config.MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError('PAYLOAD_TOO_LARGE', `request body is larger than MAX_BODY_BYTES (${deps.config.MAX_BODY_BYTES} bytes)`);
      },
    }),
  );
  v1.route('/', cityRoutes(deps));
  v1.route('/', predictRoutes(deps));
  v1.route('/', forecastRoutes(deps));
  v1.route('/', modelRoutes(deps));
  v1.route(
    '/performance',
    performanceRoutes({ ...deps, adminToken: deps.config.ADMIN_TOKEN }, deps.rules),
  );
  if (deps.traces) v1.route('/', traceRoutes(deps.traces));
  app.route('/api/v1', v1);
  app.route('/', consoleRoutes());
  return app;
}
