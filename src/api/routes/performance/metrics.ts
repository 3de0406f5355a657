// Metrics: the current figures (seed 002 `metrics`, live from the first request), the summary
// over the history (seed 003 `metrics/summary`, with the health score), and the history itself.
import { createRoute, z } from '@hono/zod-openapi';
import type { PerformanceSnapshot } from '../../../perf/monitor.js';
import { healthScore, summarise } from '../../../perf/summary.js';
import { success } from '../../envelope.js';
import { openApiApp } from '../../openapi/app.js';
import { errors, ok } from '../../openapi/responses.js';
import type { PerformanceDeps } from './deps.js';
import type { RulesFacade } from '../../../rules/index.js';
import { currentMetrics } from './current-metrics.js';

const FIELDS = [
  'cpu_usage', 'memory_usage', 'host_cpu_usage', 'host_memory_usage', 'heap_usage', 'rss_bytes', 'heap_used_bytes',
  'event_loop_p99_ms', 'load_average', 'request_rate', 'error_rate', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms',
  'db_query_ms', 'db_slow_queries', 'cache_hit_rate', 'cache_entries', 'batch_average_size', 'batch_queue_size',
] as const satisfies ReadonlyArray<keyof PerformanceSnapshot>;

const historyQuery = z
  .object({
    metric: z.enum(FIELDS).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(500),
  })
  .strict();

const current = createRoute({
  method: 'get',
  path: '/metrics',
  summary: 'Current metrics (seed 002): prediction latency avg/min/max/p50/p95/p99 over the last minute, cache, batch, system, database, errors',
  responses: { 200: ok('current metrics') },
});
const summary = createRoute({
  method: 'get',
  path: '/metrics/summary',
  summary: 'current/average/min/max per metric over the history (seed 003), cache, batch, live requests, health score',
  responses: { 200: ok('metrics summary') },
});
const history = createRoute({
  method: 'get',
  path: '/metrics/history',
  summary: 'Snapshots taken every PERFORMANCE_MONITORING_INTERVAL ms, oldest first',
  request: { query: historyQuery },
  responses: { 200: ok('points and their count'), ...errors('VALIDATION_FAILED') },
});

/** `metrics`, `metrics/summary` and `metrics/history?metric=&since=&limit=` */
export function metricsRoutes(deps: PerformanceDeps, rules: RulesFacade) {
  return openApiApp()
    .openapi(current, (c) => success(c, currentMetrics(deps)))
    .openapi(summary, async (c) => {
      const points = deps.monitor.history();
      const cache = deps.cache.stats();
      const firing = (await rules.alerts({ state: 'firing' })).length;
      return success(c, {
        cpu_usage: summarise(points, 'cpu_usage', 'percent of one core'),
        memory_usage: summarise(points, 'memory_usage', 'percent of the 2 GiB budget'),
        host_cpu_usage: summarise(points, 'host_cpu_usage', 'percent'),
        host_memory_usage: summarise(points, 'host_memory_usage', 'percent'),
        request_rate: summarise(points, 'request_rate', 'req/s'),
        error_rate: summarise(points, 'error_rate', 'percent'),
        latency_p95: summarise(points, 'latency_p95_ms', 'ms'),
        latency_p99: summarise(points, 'latency_p99_ms', 'ms'),
        event_loop_p99: summarise(points, 'event_loop_p99_ms', 'ms'),
        cache: {
          hits: cache.hits,
          misses: cache.misses,
          hit_rate: cache.hit_rate,
          total_size: cache.total_size,
          entry_count: cache.entry_count,
          utilization: cache.utilization,
        },
        batch: deps.service.batcher.stats(),
        requests: deps.requests?.figures() ?? null,
        active_alerts: firing,
        health_score: healthScore(deps.monitor.latest(), rules.thresholds(), firing),
        samples: points.length,
        monitoring: deps.monitor.running,
      });
    })
    .openapi(history, (c) => {
      const q = c.req.valid('query');
      const points = deps.monitor.history(q.since ? Date.parse(q.since) : 0, q.limit);
      const data = q.metric ? points.map((p) => ({ timestamp: p.timestamp, value: p[q.metric!] })) : points;
      return success(c, { metric: q.metric ?? 'all', points: data, count: data.length });
    });
}
