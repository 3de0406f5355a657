// Process CPU and memory in the names Prometheus users already chart (prom-client's defaults):
// runtime-node reports the event loop, heap and GC, but not CPU time or RSS.
import type { Meter } from '@opentelemetry/api';

/** Registers `process_cpu_seconds_total`, `process_resident_memory_bytes` and `process_start_time_seconds`. */
export function registerProcessMetrics(meter: Meter): void {
  // The exporter appends `_total` to counters, so the instrument is named without it.
  const cpu = meter.createObservableCounter('process_cpu_seconds', {
    description: 'User and system CPU time spent by the process, in seconds',
  });
  const rss = meter.createObservableGauge('process_resident_memory_bytes', {
    description: 'Resident set size of the process, in bytes',
  });
  const start = meter.createObservableGauge('process_start_time_seconds', {
    description: 'Start time of the process since the Unix epoch, in seconds',
  });
  const startTime = (Date.now() - process.uptime() * 1000) / 1000;

  meter.addBatchObservableCallback(
    (result) => {
      const usage = process.cpuUsage();
      result.observe(cpu, usage.user / 1e6, { mode: 'user' });
      result.observe(cpu, usage.system / 1e6, { mode: 'system' });
      result.observe(rss, process.memoryUsage.rss());
      result.observe(start, startTime);
    },
    [cpu, rss, start],
  );
}
