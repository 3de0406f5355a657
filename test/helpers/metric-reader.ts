// A metric reader installed as the global MeterProvider, for tests that read what instruments
// of the contract recorded.
import { metrics } from '@opentelemetry/api';
import { MeterProvider, MetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import type { MetricSpec } from '../../src/metrics/index.js';

class TestReader extends MetricReader {
  protected onShutdown = () => Promise.resolve();
  protected onForceFlush = () => Promise.resolve();
}

/** Installs a fresh global MeterProvider; returns what reads the current value of one instrument. */
export function installMetricReader(): (spec: MetricSpec) => Promise<MetricData | undefined> {
  const reader = new TestReader();
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  return async (spec) => {
    const { resourceMetrics } = await reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === spec.name);
  };
}
