// Composition of one running instance: database (embedded or real), seed and training on an
// empty database, tiered cache, model cache, batcher, the HTTP app, and an orderly shutdown.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { configuredTraceStore } from '../agent/trace-store.js';
import { createApp } from '../api/index.js';
import { TieredCache } from '../cache/index.js';
import type { Config } from '../config/index.js';
import { openDatabase, type Database, type OpenOptions } from '../db/index.js';
import { logger } from '../log/index.js';
import { ModelCache, ModelRegistry, WeatherRepository, observeModelAccuracy, seedIfEmpty } from '../prediction/index.js';
import { PerformanceMonitor } from '../perf/monitor.js';
import { observeIo } from '../perf/io-metrics.js';
import { memoryUsagePercent } from '../perf/system.js';
import { PredictionService } from '../prediction/service.js';
import { ClientLimits } from '../ratelimit/index.js';
import { startRules, type RulesRuntime } from '../rules/runtime/index.js';
import { inactiveRulesFacade } from '../rules/runtime/inactive.js';
import { drainServer } from '../telemetry/http-server/drain.js';
import { listen } from './listen.js';
import { rulesRuntimeOptions } from './rules-options.js';
import { clientLimitsOptions } from './rate-limits.js';
import { startUpkeep } from './upkeep.js';
import { packageVersion } from './version.js';
import { readinessProbe } from './readiness.js';
import { analyseTraces } from '../traces/index.js';

/** A started instance. */
export interface RunningServer {
  url: string;
  port: number;
  db: Database;
  cache: TieredCache;
  service: PredictionService;
  rules: RulesRuntime | undefined;
  monitor: PerformanceMonitor;
  close(): Promise<void>;
}

/** Options of {@link startServer}. */
export interface StartOptions {
  /** Progress of the seed and training steps on an empty database. */
  onProgress?: (step: string, done: number, total: number) => void;
  /** The embedded database, already starting (see {@link openDatabase}'s option). */
  embedded?: OpenOptions['embedded'];
}

/** Starts the API on `config.PORT` with everything it needs. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = logger();
  const db = await openDatabase(config, { embedded: options.embedded });
  // The agent's store when the agent runs in this process (it created it first), else one of its own.
  const traces = configuredTraceStore(config);
  // The rule files are parsed (CPU on this thread) while the seed, the training and the model
  // loads wait on the database's thread. Trace-based recommendations (N+1 queries, sequential
  // calls, cache-miss-bound requests) join the rule-based ones.
  const rulesStarting: Promise<RulesRuntime | undefined> = config.RULES_ENABLED
    ? startRules(
        rulesRuntimeOptions(config, {
          db,
          recommendationProviders: traces ? [() => analyseTraces(traces)] : [],
          exemplar: traces && ((w) => traces.slowestTrace(w)),
        }),
      )
    : Promise.resolve(undefined);
  rulesStarting.catch(() => {}); // awaited below, after the models
  const { registry, models } = await prepareModels(config, db, options).catch(async (err: unknown) => {
    await (await rulesStarting.catch(() => undefined))?.close();
    throw err;
  });
  const cache = new TieredCache({
    maxEntries: config.CACHE_MAX_SIZE,
    defaultTtlSeconds: config.CACHE_DEFAULT_TTL,
    ttlJitter: config.CACHE_TTL_JITTER,
    redisUrl: config.REDIS_URL,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
  });
  const service = new PredictionService({
    cache,
    models,
    weather: new WeatherRepository(db),
    batch: {
      enabled: config.BATCH_ENABLED,
      maxBatchSize: config.BATCH_MAX_SIZE,
      maxWaitMs: config.BATCH_MAX_WAIT_TIME,
      maxConcurrentBatches: config.BATCH_MAX_CONCURRENT,
      maxQueue: config.BATCH_MAX_QUEUE,
    },
  });
  const rules = await rulesStarting;
  const monitor = new PerformanceMonitor(
    { cacheStats: () => cache.stats(), batchStats: () => service.batcher.stats(), query: rules?.source },
    { intervalMs: config.PERFORMANCE_MONITORING_INTERVAL },
  );
  if (config.PERFORMANCE_MONITORING_ENABLED) monitor.start();
  observeIo();
  const stopUpkeep = startUpkeep({ cache, models }, config.CACHE_CLEANUP_INTERVAL * 1000);
  // On the cache's Redis connection when there is one: instances sharing that Redis share the limits.
  const limits = new ClientLimits(clientLimitsOptions(config, cache.redisClient));
  const app = createApp(
    {
      config, db, cache, registry, models, service, monitor,
      readiness: readinessProbe(db, cache, models),
      rules: rules?.facade ?? inactiveRulesFacade(),
      traces,
      limits,
    },
    packageVersion(),
  );
  const server = await listen(app.fetch, config.HOST, config.PORT);
  const port = (server.address() as AddressInfo).port;
  log.info({ port, database: db.url, redis: Boolean(config.REDIS_URL) }, 'foresight API listening');

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db,
    cache,
    service,
    rules,
    monitor,
    async close() {
      // Requests in flight are answered before what they use (rules, batcher, cache, database) stops.
      const inTime = await drainServer(server as http.Server, config.FORESIGHT_DRAIN_TIMEOUT_MS);
      if (!inTime) log.warn({ deadlineMs: config.FORESIGHT_DRAIN_TIMEOUT_MS }, 'requests still in flight at the drain deadline; connections cut');
      monitor.stop();
      stopUpkeep();
      await rules?.close();
      await service.close();
      await cache.close();
      await db.close();
    },
  };
}

/** Seeds an empty database, trains every untrained city, and loads the active models. */
async function prepareModels(config: Config, db: Database, options: StartOptions) {
  const registry = new ModelRegistry(db);
  const seeded = await seedIfEmpty(db, {
    cities: config.SEED_CITIES,
    days: config.SEED_DAYS,
    onProgress: (done, total) => options.onProgress?.('seed', done, total),
  });
  if (seeded.seeded) logger().info({ ...seeded }, 'seeded an empty database');
  const untrained = (await registry.listCities()).filter((c) => c.activeVersion === null);
  for (const [i, city] of untrained.entries()) {
    await registry.trainCity(city.slug);
    options.onProgress?.('train', i + 1, untrained.length);
  }
  const models = new ModelCache(registry, {
    maxSize: config.MODEL_CACHE_MAX_SIZE,
    memoryThreshold: config.MODEL_CACHE_MEMORY_THRESHOLD,
    memoryUsage: () => memoryUsagePercent(),
  });
  await models.preload();
  observeModelAccuracy(models);
  return { registry, models };
}
