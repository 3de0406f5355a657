// The domain metrics of seed 000, made from the metrics contract (src/metrics: the exact names
// and labels that alert rules and dashboards query) with the bucket bounds each one needs.
// Instruments are made on first use, after the SDK has installed its MeterProvider (instruments
// taken from the no-op provider would stay no-ops forever).
import { type Attributes, type Counter, type Histogram, type ObservableGauge } from '@opentelemetry/api';
import { counter, gauge, histogram, PREDICTION_METRICS, type MetricSpec } from '../metrics/index.js';

const buckets = (...b: number[]) => ({ explicitBucketBoundaries: b });

/** The instruments every part of the service records into. */
export interface DomainMetrics {
  /** `model_inference_seconds{model_name,batch_size}` */
  inferenceLatency: Histogram;
  /** `model_inference_total{model_name,batch_size}` */
  inferenceTotal: Counter;
  /** `cache_operation_seconds{operation}` */
  cacheOperation: Histogram;
  /** `db_query_seconds{query_type}` */
  dbQuery: Histogram;
  /** `batch_size` */
  batchSize: Histogram;
  /** `batch_processing_seconds` */
  batchProcessing: Histogram;
}

let instruments: DomainMetrics | undefined;

/** The domain instruments, made on first call. */
export function domainMetrics(): DomainMetrics {
  const m = PREDICTION_METRICS;
  instruments ??= {
    inferenceLatency: histogram(m.inferenceSeconds, buckets(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)),
    inferenceTotal: counter(m.inferences),
    cacheOperation: histogram(m.cacheOperationSeconds, buckets(0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1)),
    dbQuery: histogram(m.dbQuerySeconds, buckets(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)),
    batchSize: histogram(m.batchSize, buckets(1, 2, 4, 8, 16, 32, 64, 128, 256)),
    batchProcessing: histogram(m.batchProcessingSeconds, buckets(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1)),
  };
  return instruments;
}

/**
 * Forgets the instruments so the next {@link domainMetrics} call makes them from the current
 * global MeterProvider; `startTelemetry` calls it, so a restarted SDK (tests) is recorded into.
 */
export function resetDomainMetrics(): void {
  instruments = undefined;
}

/**
 * Registers the contract's gauge `spec`, read at collection time, e.g. `cache_hit_ratio` or
 * `db_connection_pool_size`. A callback that throws is skipped for that collection.
 */
export function observeGauge(
  spec: MetricSpec & { kind: 'gauge' },
  read: () => number | Array<{ value: number; attributes: Attributes }>,
): ObservableGauge {
  const instrument = gauge(spec);
  instrument.addCallback((result) => {
    const value = read();
    if (typeof value === 'number') result.observe(value);
    else for (const v of value) result.observe(v.value, v.attributes);
  });
  return instrument;
}

/** Times `fn` into `histogram` with `attributes`, on success and failure alike. */
export async function timed<T>(histogram: Histogram, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    histogram.record((performance.now() - start) / 1000, attributes);
  }
}
