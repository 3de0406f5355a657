// Metrics summary (seed 003 shape, with the health score) and the metrics history.
import { Hono } from 'hono';
import { z } from 'zod';
import type { PerformanceSnapshot } from '../../../perf/monitor.js';
import { healthScore, summarise } from '../../../perf/summary.js';
import type { AppEnv } from '../../deps.js';
import { success } from '../../envelope.js';
import { readParams } from '../../middleware/json-body.js';
import type { PerformanceDeps } from './deps.js';
import type { RulesFacade } from './rules-facade.js';

const FIELDS = [
  'cpu_usage', 'memory_usage', 'process_cpu', 'rss_bytes', 'heap_used_bytes', 'event_loop_p99_ms', 'load_average',
  'request_rate', 'error_rate', 'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms',
  'cache_hit_rate', 'cache_entries', 'batch_average_size', 'batch_queue_size',
] as const satisfies ReadonlyArray<keyof PerformanceSnapshot>;

const historyQuery = z
  .object({
    metric: z.enum(FIELDS).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(500),
  })
  .strict();

/** `metrics/summary` and `metrics/history?metric=&since=&limit=` */
export function metricsRoutes(deps: PerformanceDeps, rules: RulesFacade) {
  const app = new Hono<AppEnv>();

  app.get('/metrics/summary', async (c) => {
    const history = deps.monitor.history();
    const cache = deps.cache.stats();
    const firing = (await rules.alerts({ state: 'firing' })).length;
    return success(c, {
      cpu_usage: summarise(history, 'cpu_usage', 'percent'),
      memory_usage: summarise(history, 'memory_usage', 'percent'),
      request_rate: summarise(history, 'request_rate', 'req/s'),
      error_rate: summarise(history, 'error_rate', 'percent'),
      latency_p95: summarise(history, 'latency_p95_ms', 'ms'),
      latency_p99: summarise(history, 'latency_p99_ms', 'ms'),
      event_loop_p99: summarise(history, 'event_loop_p99_ms', 'ms'),
      cache: {
        hits: cache.hits,
        misses: cache.misses,
        hit_rate: cache.hit_rate,
        total_size: cache.total_size,
        entry_count: cache.entry_count,
        utilization: cache.utilization,
      },
      batch: deps.service.batcher.stats(),
      active_alerts: firing,
      health_score: healthScore(deps.monitor.latest(), rules.scoredThresholds(), firing),
      samples: history.length,
    });
  });

  app.get('/metrics/history', (c) => {
    const q = readParams(c.req.query(), historyQuery, 'query');
    const points = deps.monitor.history(q.since ? Date.parse(q.since) : 0, q.limit);
    const data = q.metric ? points.map((p) => ({ timestamp: p.timestamp, value: p[q.metric!] })) : points;
    return success(c, { metric: q.metric ?? 'all', points: data, count: data.length });
  });
  return app;
}
