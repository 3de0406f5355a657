// What the HTTP layer needs from the rest of the service, passed in by the server composition.
import type { TieredCache } from '../cache/index.js';
import type { Config } from '../config/index.js';
import type { PerformanceMonitor } from '../perf/monitor.js';
import type { RequestWindow } from '../perf/requests.js';
import type { Database } from '../db/index.js';
import type { ModelCache, ModelRegistry } from '../prediction/index.js';
import type { PredictionService } from '../prediction/service.js';
import type { ClientLimits } from '../ratelimit/index.js';
import type { TraceStore } from '../traces/index.js';
import type { RulesFacade } from '../rules/index.js';

/** Component states reported by `/readyz`. */
export interface Readiness {
  ready: boolean;
  components: Record<string, { status: 'up' | 'down' | 'degraded' | 'disabled'; detail?: string }>;
}

/** Dependencies of {@link createApp}. */
export interface AppDeps {
  config: Config;
  db: Database;
  cache: TieredCache;
  registry: ModelRegistry;
  models: ModelCache;
  service: PredictionService;
  readiness: () => Promise<Readiness>;
  monitor: PerformanceMonitor;
  rules: RulesFacade;
  /** The in-process trace store, when telemetry records spans. */
  traces?: TraceStore;
  /** Where each request is recorded for the live figures; one is made when absent. */
  requests?: RequestWindow;
  /** The per-client rate limits (RATE_LIMIT_*); absent or all off: no limit. */
  limits?: ClientLimits;
}

/** A request's client and the limits it is held to, for the middleware after the rate limit. */
export interface LimitedClient {
  limits: ClientLimits;
  /** The client's address, the key of its counts. */
  client: string;
}

/** Hono variables set by middleware (`rateLimit`: unset when no limit is on). */
export type AppEnv = { Variables: { admin: string; rateLimit: LimitedClient | undefined } };
