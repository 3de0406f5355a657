// What the performance API reads and changes.
import type { TieredCache } from '../../../cache/index.js';
import type { Database } from '../../../db/index.js';
import type { PerformanceMonitor } from '../../../perf/monitor.js';
import type { RequestWindow } from '../../../perf/requests.js';
import type { ModelCache, ModelRegistry } from '../../../prediction/index.js';
import type { PredictionService } from '../../../prediction/service.js';
import type { Readiness } from '../../deps.js';
import type { WebhookAuthOptions } from '../../middleware/webhook-auth.js';

/** Dependencies of the performance routes. */
export interface PerformanceDeps {
  adminToken: string | undefined;
  /** Credentials the alert webhook requires; none: open. */
  webhookAuth?: WebhookAuthOptions;
  cache: TieredCache;
  models: ModelCache;
  service: PredictionService;
  monitor: PerformanceMonitor;
  readiness: () => Promise<Readiness>;
  /** The live request window the request log feeds. */
  requests?: RequestWindow;
  /** For the pool figures. */
  db?: Pick<Database, 'pool'>;
  /** For the training error count. */
  registry?: Pick<ModelRegistry, 'trainingErrors'>;
}
