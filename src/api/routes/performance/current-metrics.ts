// Seed 002's current performance metrics, read now: request figures from the live window (the
// last minute), the rest from the cache, model cache, batcher, pool and this process. Database
// latency needs the metrics source and comes from the newest monitor snapshot (null before it).
import os from 'node:os';
import type { PerformanceDeps } from './deps.js';

/** The routes whose latency is seed 002's predictionLatency (the prediction_latency threshold). */
export const PREDICTION_ROUTES: ReadonlySet<string> = new Set(['/api/v1/predict', '/api/v1/predict/batch', '/api/v1/forecast/:city/:date']);

const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** The figures of `GET /api/v1/performance/metrics`. */
export function currentMetrics(deps: PerformanceDeps) {
  const prediction = deps.requests?.figures(PREDICTION_ROUTES);
  const all = deps.requests?.figures();
  const cache = deps.cache.stats();
  const models = deps.models.stats();
  const batch = deps.service.batcher.stats();
  const system = deps.monitor.system();
  const latest = deps.monitor.latest();
  const predictionErrors = deps.requests?.serverErrors(PREDICTION_ROUTES) ?? 0;
  const trainingErrors = deps.registry?.trainingErrors ?? 0;
  const lookups = cache.hits + cache.misses;
  return {
    timestamp: new Date().toISOString(),
    window_seconds: prediction?.window_seconds ?? 0,
    // ms over the prediction endpoints in the last minute; null before the first prediction.
    predictionLatency: prediction?.latency_ms ?? null,
    predictionRequests: { count: prediction?.count ?? 0, rate: prediction?.rate ?? 0 },
    cacheMetrics: {
      hitRate: cache.hit_rate,
      missRate: lookups ? Math.round((100 - cache.hit_rate) * 10) / 10 : 0,
      // Entries evicted for room per 100 lookups.
      evictionRate: pct(cache.evictions, lookups),
      // The in-process cache's fill, percent of CACHE_MAX_SIZE entries.
      memoryUsage: cache.utilization,
      sizeBytes: cache.total_size,
      activeModels: models.size,
    },
    batchMetrics: {
      averageBatchSize: batch.average_batch_size,
      batchingEfficiency: batch.efficiency,
      averageWaitTime: batch.average_wait_ms,
      queueSize: batch.queue_size,
    },
    systemMetrics: {
      cpuUsage: system.cpu_usage,
      memoryUsage: system.memory_usage,
      heapUsage: system.heap_usage,
      loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
      hostCpuUsage: system.host_cpu_usage,
      hostMemoryUsage: system.host_memory_usage,
    },
    databaseMetrics: {
      connectionCount: deps.db?.pool.totalCount ?? 0,
      idleConnections: deps.db?.pool.idleCount ?? 0,
      waitingClients: deps.db?.pool.waitingCount ?? 0,
      queryLatency: latest?.db_query_ms ?? null,
      slowQueries: latest?.db_slow_queries ?? null,
    },
    errorMetrics: {
      predictionErrors,
      modelLoadErrors: models.load_errors,
      trainingErrors,
      totalErrors: predictionErrors + models.load_errors + trainingErrors,
    },
    requests: all ?? null,
  };
}
