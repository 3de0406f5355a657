// The RED metrics of every HTTP server request (seed 000's names): `request_latency_seconds`
// and `request_total{endpoint,method,status}`. One frozen attribute object per series, kept in a
// map, so a request allocates nothing to record, and a client cannot mint series: endpoints are
// route patterns, unknown methods collapse to `_OTHER`, and statuses are three-digit codes.
import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';

const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/** `method` if it is a standard HTTP method, else `_OTHER`. */
export function methodLabel(method: string | undefined): string {
  return method !== undefined && knownMethods.has(method) ? method : '_OTHER';
}

/** Latency buckets in seconds, from 1 ms to 10 s. */
export const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];

/** Records one request into both RED instruments. */
export class RedRecorder {
  private readonly latency: Histogram;
  private readonly total: Counter;
  private readonly series = new Map<string, Attributes>();

  constructor(meter: Meter) {
    this.latency = meter.createHistogram('request_latency_seconds', {
      description: 'HTTP server request latency by route pattern',
      advice: { explicitBucketBoundaries: latencyBuckets },
    });
    this.total = meter.createCounter('request_total', { description: 'HTTP server requests by route pattern' });
  }

  record(endpoint: string, method: string, status: number, seconds: number): void {
    const key = `${status} ${method} ${endpoint}`;
    let attributes = this.series.get(key);
    if (attributes === undefined) {
      attributes = Object.freeze({ endpoint, method, status: status >= 100 && status < 600 ? String(status) : '_OTHER' });
      this.series.set(key, attributes);
    }
    this.latency.record(seconds, attributes);
    this.total.add(1, attributes);
  }
}
