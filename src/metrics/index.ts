// The metrics contract: every instrument the prediction API and the rules service record, with
// the exact name, kind, labels and meaning that the shipped alert rules, dashboards and README
// rely on. Instruments are made from these specs, never from a name typed elsewhere, so a rename
// is one change here that the tests follow to every rule and panel. Names are final: the
// Prometheus exporter appends no unit suffix, and a counter's name already ends in `_total`.
import { metrics, type Counter, type Histogram, type MetricAdvice, type ObservableCounter, type ObservableGauge } from '@opentelemetry/api';

/** One instrument of the contract. */
export interface MetricSpec {
  readonly name: string;
  readonly kind: 'counter' | 'histogram' | 'gauge';
  /** The attributes it is recorded with, as Prometheus labels. */
  readonly labels: readonly string[];
  readonly description: string;
}

const spec = <K extends MetricSpec['kind']>(kind: K, name: string, labels: readonly string[], description: string) =>
  ({ name, kind, labels, description }) as const;

/** The agent's RED metrics of any instrumented app (recorded by src/telemetry/http-server/red.ts). */
export const RED_METRICS = {
  requestLatency: spec('histogram', 'request_latency_seconds', ['endpoint', 'method', 'status'], 'HTTP server request latency by route pattern'),
  requests: spec('counter', 'request_total', ['endpoint', 'method', 'status'], 'HTTP server requests by route pattern'),
} as const;

/** The prediction API's domain metrics (seed 000's names, and the gauges its dashboards read). */
export const PREDICTION_METRICS = {
  inferenceSeconds: spec('histogram', 'model_inference_seconds', ['model_name', 'batch_size'], 'Duration of one (batched) model inference call'),
  inferences: spec('counter', 'model_inference_total', ['model_name', 'batch_size'], 'Model inference calls'),
  modelAccuracy: spec('gauge', 'model_accuracy_mape', ['city', 'model_version'], 'Holdout MAPE (percent) of each loaded model'),
  cacheHitRatio: spec('gauge', 'cache_hit_ratio', [], 'Cache hits / (hits + misses) since start, 0..1 (0 before any lookup)'),
  cacheOperationSeconds: spec('histogram', 'cache_operation_seconds', ['operation'], 'Cache operation latency by operation'),
  cacheSizeBytes: spec('gauge', 'cache_size_bytes', [], 'Approximate bytes held by the in-process (L1) cache'),
  cacheEntries: spec('gauge', 'cache_entries', [], 'Entries in the in-process (L1) cache'),
  cacheTtlSeconds: spec('histogram', 'cache_ttl_seconds', [], 'TTL given to each cache entry when it is set, after jitter'),
  dbQuerySeconds: spec('histogram', 'db_query_seconds', ['query_type'], 'Database query latency by query type'),
  dbPoolSize: spec('gauge', 'db_connection_pool_size', [], 'Connections held by the Postgres pool'),
  dbPoolMax: spec('gauge', 'db_connection_pool_max', [], 'Connections the Postgres pool may hold (DB_POOL_MAX)'),
  batchSize: spec('histogram', 'batch_size', [], 'Items per inference batch'),
  batchProcessingSeconds: spec('histogram', 'batch_processing_seconds', [], 'Time from a batch being cut to its results being delivered'),
  batchQueueSize: spec('gauge', 'batch_queue_size', [], 'Inference items waiting for a batch'),
  monitorFailures: spec('counter', 'performance_monitor_failures_total', [], 'Snapshots of the performance monitor that failed in part'),
} as const;

/** The rules service measuring itself: the alerting pipeline's own health. */
export const RULES_METRICS = {
  evaluationSeconds: spec('histogram', 'rules_evaluation_seconds', ['group'], 'Duration of one evaluation of a rule group'),
  evaluationFailures: spec('counter', 'rules_evaluation_failures_total', ['group'], 'Rule evaluations that failed (query error, storage error), by group'),
  rulesLoaded: spec('gauge', 'rules_loaded', [], 'Rules (alerting and recording) loaded'),
  alerts: spec('gauge', 'alerts', ['state', 'severity'], 'Open alerts by state and severity'),
  reloadFailures: spec('counter', 'rules_reload_failures_total', [], 'Rule file changes rejected as invalid'),
  lastReloadSuccess: spec('gauge', 'rules_last_reload_success', [], '1 when the last rule load succeeded, 0 when it was rejected'),
  notifications: spec(
    'counter',
    'rules_notifications_total',
    ['receiver', 'result'],
    'Alert notifications by receiver and result (success, retry, failure, dropped)',
  ),
  scrapeFailures: spec('counter', 'rules_scrape_failures_total', ['target', 'job'], 'Failed scrapes of the embedded rule evaluator, by target'),
  scrapeTargetUp: spec(
    'gauge',
    'rules_scrape_target_up',
    ['target', 'job', 'instance'],
    'Whether the last scrape of each target of the embedded rule evaluator succeeded',
  ),
  alertsReceived: spec(
    'counter',
    'alerts_received_total',
    ['receiver', 'status'],
    'Alerts received on the Alertmanager webhook, by receiver (the first 20 names; later ones are "other") and status',
  ),
} as const;

/** Network and disk I/O of the prediction API process (seed 001's system dashboard), read from /proc. */
export const SYSTEM_METRICS = {
  networkIo: spec('counter', 'system_network_io_bytes_total', ['device', 'direction'], 'Bytes received and transmitted per network interface of this network namespace'),
  diskIo: spec('counter', 'process_disk_io_bytes_total', ['direction'], 'Bytes this process read from and wrote to storage'),
} as const;

/** The HTTP API guarding itself: requests refused by its per-client rate limits. */
export const API_METRICS = {
  rateLimitRefusals: spec(
    'counter',
    'rate_limit_refusals_total',
    ['scope'],
    'Requests answered 429 by a per-client rate limit, by scope (api: all API calls, admin: admin calls, auth: a client blocked after wrong credentials)',
  ),
} as const;

/** Every instrument of the contract. */
export const ALL_METRICS: readonly MetricSpec[] = [
  ...Object.values(RED_METRICS),
  ...Object.values(PREDICTION_METRICS),
  ...Object.values(API_METRICS),
  ...Object.values(RULES_METRICS),
  ...Object.values(SYSTEM_METRICS),
];

// Instruments come from the MeterProvider installed when they are made: make them after the SDK
// starts (a no-op provider's instruments stay no-ops).
const meter = () => metrics.getMeter('foresight');

/** The counter of `s`. */
export function counter(s: MetricSpec & { kind: 'counter' }): Counter {
  return meter().createCounter(s.name, { description: s.description });
}

/** The histogram of `s`, with bucket `advice` where the default buckets do not fit. */
export function histogram(s: MetricSpec & { kind: 'histogram' }, advice?: MetricAdvice): Histogram {
  return meter().createHistogram(s.name, { description: s.description, ...(advice ? { advice } : {}) });
}

/** The observable counter of `s` (a total read from elsewhere when collected). */
export function observableCounter(s: MetricSpec & { kind: 'counter' }): ObservableCounter {
  return meter().createObservableCounter(s.name, { description: s.description });
}

/** The observable gauge of `s`. */
export function gauge(s: MetricSpec & { kind: 'gauge' }): ObservableGauge {
  return meter().createObservableGauge(s.name, { description: s.description });
}
