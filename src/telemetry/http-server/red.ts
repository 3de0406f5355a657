// The RED metrics of every HTTP server request (seed 000's names): `request_latency_seconds`
// and `request_total{endpoint,method,status}`. Recorded for every request, so the recording is
// ours rather than two SDK instruments: those hash the attribute set on every call, which
// measured ~5 µs a request here, a sixth of a small app's whole budget. One series object per
// (endpoint, method, status), found through one map per label: the route and method strings are
// the same strings on every request, whose hashes V8 keeps, where a key joined from the three
// would be a new string to hash each time. A record is then a few additions. The series
// reach every metric reader (Prometheus, OTLP) as a MetricProducer, in the SDK's own data
// model. A client cannot mint series: endpoints are route patterns, unknown methods collapse
// to `_OTHER`, statuses are three-digit codes.
import { ValueType, type Attributes } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import { RED_METRICS } from '../../metrics/index.js';
import { emptyResource } from '@opentelemetry/resources';
import {
  AggregationTemporality,
  DataPointType,
  type CollectionResult,
  type DataPoint,
  type Histogram,
  type MetricProducer,
} from '@opentelemetry/sdk-metrics';

/** `method` if it is a standard HTTP method, else `_OTHER`. */
export function methodLabel(method: string | undefined): string {
  // A switch rather than a Set: it runs on every request, and compiles to a few comparisons.
  switch (method) {
    case 'GET':
    case 'HEAD':
    case 'POST':
    case 'PUT':
    case 'DELETE':
    case 'CONNECT':
    case 'OPTIONS':
    case 'TRACE':
    case 'PATCH':
      return method;
    default:
      return '_OTHER';
  }
}

/** Latency buckets in seconds, from 1 ms to 10 s. */
export const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

/** One series as it stands, cumulative since start: what {@link RedMetrics.read} returns. */
export interface RedSeriesReading {
  endpoint: string;
  method: string;
  /** The status code as a label, e.g. `200`, or `_OTHER`. */
  status: string;
  /** Requests per bucket of {@link latencyBuckets} (not cumulative); the last one is above 10 s. */
  counts: number[];
  count: number;
  /** Seconds. */
  sum: number;
}

class Series {
  readonly counts = new Array<number>(latencyBuckets.length + 1).fill(0);
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  constructor(readonly attributes: Attributes) {}
}

/** Records requests and hands them to metric readers as `request_latency_seconds` and `request_total`. */
export class RedMetrics implements MetricProducer {
  /** Every series, in the order they first occurred: what the readers read. */
  private readonly series: Series[] = [];
  private readonly byLabels = new Map<string, Map<string, Map<number, Series>>>();
  private readonly startTime = millisToHrTime(Date.now());

  record(endpoint: string, method: string, status: number, seconds: number): void {
    // Every status outside 100-599 is one series, `_OTHER` (0 here).
    const code = status >= 100 && status < 600 ? status : 0;
    const s = this.byLabels.get(endpoint)?.get(method)?.get(code) ?? this.add(endpoint, method, code);
    let i = 0;
    while (i < latencyBuckets.length && seconds > latencyBuckets[i]!) i++;
    s.counts[i]!++;
    s.count++;
    s.sum += seconds;
    if (seconds < s.min) s.min = seconds;
    if (seconds > s.max) s.max = seconds;
  }

  private add(endpoint: string, method: string, code: number): Series {
    let byMethod = this.byLabels.get(endpoint);
    if (byMethod === undefined) this.byLabels.set(endpoint, (byMethod = new Map<string, Map<number, Series>>()));
    let byStatus = byMethod.get(method);
    if (byStatus === undefined) byMethod.set(method, (byStatus = new Map<number, Series>()));
    const s = new Series(Object.freeze({ endpoint, method, status: code === 0 ? '_OTHER' : String(code) }));
    byStatus.set(code, s);
    this.series.push(s);
    return s;
  }

  /**
   * A copy of every series, for views that take differences over time (the console's routes):
   * the reader pays for it, `record` does no extra work.
   */
  read(): RedSeriesReading[] {
    const out: RedSeriesReading[] = [];
    for (const s of this.series) {
      const { endpoint, method, status } = s.attributes as { endpoint: string; method: string; status: string };
      out.push({ endpoint, method, status, counts: [...s.counts], count: s.count, sum: s.sum });
    }
    return out;
  }

  async collect(): Promise<CollectionResult> {
    const endTime = millisToHrTime(Date.now());
    const latency: DataPoint<Histogram>[] = [];
    const total: DataPoint<number>[] = [];
    for (const s of this.series) {
      const base = { startTime: this.startTime, endTime, attributes: s.attributes };
      latency.push({
        ...base,
        value: { buckets: { boundaries: latencyBuckets, counts: [...s.counts] }, count: s.count, sum: s.sum, min: s.min, max: s.max },
      });
      total.push({ ...base, value: s.count });
    }
    return {
      resourceMetrics: {
        // The reader reports the SDK's resource; a producer's own is not used.
        resource: emptyResource(),
        scopeMetrics: [
          {
            scope: { name: 'foresight' },
            metrics: [
              {
                descriptor: { name: RED_METRICS.requestLatency.name, description: RED_METRICS.requestLatency.description, unit: '', valueType: ValueType.DOUBLE },
                aggregationTemporality: AggregationTemporality.CUMULATIVE,
                dataPointType: DataPointType.HISTOGRAM,
                dataPoints: latency,
              },
              {
                descriptor: { name: RED_METRICS.requests.name, description: RED_METRICS.requests.description, unit: '', valueType: ValueType.INT },
                aggregationTemporality: AggregationTemporality.CUMULATIVE,
                dataPointType: DataPointType.SUM,
                isMonotonic: true,
                dataPoints: total,
              },
            ],
          },
        ],
      },
      errors: [],
    };
  }
}
