// The exporters OTEL_TRACES_EXPORTER, OTEL_METRICS_EXPORTER and OTEL_LOGS_EXPORTER name: otlp
// (over the protocol the environment sets), console, none; prometheus for metrics. OTLP traces
// are on by default only when an endpoint is set, so an app run without a collector does not
// log an export failure every few seconds; logs are off unless asked for.
import { diag } from '@opentelemetry/api';
import type { LogRecordProcessor } from '@opentelemetry/sdk-logs';
import type { MetricProducer, MetricReader } from '@opentelemetry/sdk-metrics';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { readAgentConfig } from '../../config/agent.js';
import { exporterNames, exporterPackage, otlpEndpointSet, otlpProtocol, otlpRequestOptions, type Signal } from './protocol.js';

export { otlpProtocol, exporterPackage, exporterNames, type OtlpProtocol, type Signal } from './protocol.js';

type Loaded = Record<string, new (config?: object) => unknown>;

async function otlpExporter<T>(env: NodeJS.ProcessEnv, signal: Signal, className: string): Promise<T> {
  const protocol = otlpProtocol(env, signal);
  const mod = (await import(exporterPackage(signal, protocol))) as Loaded;
  // Headers, timeout and compression as the schema parsed them (a bad value was warned about and
  // left out), so the exporter cannot read them another way; the endpoint it resolves itself, by
  // the spec's per-signal path rules. gRPC takes headers as metadata, which it builds from the
  // same variable itself.
  const { headers, ...rest } = otlpRequestOptions(env, signal);
  return new mod[className]!(protocol === 'grpc' ? rest : { headers, ...rest }) as T;
}

/** `make()`, or undefined with one warning: an exporter that cannot be built costs that exporter only. */
async function orWarn<T>(signal: Signal, name: string, make: () => T | Promise<T>): Promise<T | undefined> {
  try {
    return await make();
  } catch (err) {
    diag.warn(`OTEL_${signal.toUpperCase()}_EXPORTER: "${name}" not started: ${(err as Error).message}`);
    return undefined;
  }
}

const present = <T>(items: Array<T | undefined>): T[] => items.filter((x): x is T => x !== undefined);

function warnUnknown(signal: Signal, name: string, known: string[]): void {
  diag.warn(`OTEL_${signal.toUpperCase()}_EXPORTER: "${name}" is not supported (known: ${known.join(', ')})`);
}

/** Span processors for OTEL_TRACES_EXPORTER (default: otlp when an endpoint is set, else none). */
export async function traceProcessors(env: NodeJS.ProcessEnv): Promise<SpanProcessor[]> {
  const names = exporterNames(env, 'traces', otlpEndpointSet(env, 'traces') ? ['otlp'] : ['none']);
  const { BatchSpanProcessor, SimpleSpanProcessor, ConsoleSpanExporter } = await import('@opentelemetry/sdk-trace-base');
  const processors: Array<SpanProcessor | undefined> = [];
  for (const name of names) {
    if (name === 'otlp') processors.push(await orWarn('traces', name, async () => new BatchSpanProcessor(await otlpExporter(env, 'traces', 'OTLPTraceExporter'))));
    else if (name === 'console') processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
    else if (name !== 'none') warnUnknown('traces', name, ['otlp', 'console', 'none']);
  }
  return present(processors);
}

/** Push readers for OTEL_METRICS_EXPORTER's otlp and console; `prometheus` (the default) is served by the telemetry port. */
export async function pushMetricReaders(env: NodeJS.ProcessEnv, metricProducers: MetricProducer[] = []): Promise<{ readers: MetricReader[]; prometheus: boolean }> {
  const names = exporterNames(env, 'metrics', ['prometheus']);
  const { PeriodicExportingMetricReader, ConsoleMetricExporter } = await import('@opentelemetry/sdk-metrics');
  const interval = readAgentConfig(env).OTEL_METRIC_EXPORT_INTERVAL;
  const readers: Array<MetricReader | undefined> = [];
  type MetricExporter = ConstructorParameters<typeof PeriodicExportingMetricReader>[0]['exporter'];
  for (const name of names) {
    if (name === 'otlp') {
      readers.push(
        await orWarn('metrics', name, async () => {
          const exporter = await otlpExporter<MetricExporter>(env, 'metrics', 'OTLPMetricExporter');
          return new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: interval, metricProducers });
        }),
      );
    } else if (name === 'console') {
      readers.push(new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: interval, metricProducers }));
    } else if (name !== 'prometheus' && name !== 'none') warnUnknown('metrics', name, ['prometheus', 'otlp', 'console', 'none']);
  }
  return { readers: present(readers), prometheus: names.includes('prometheus') };
}

/** Log record processors for OTEL_LOGS_EXPORTER (default none: logs go to stdout and files). */
export async function logProcessors(env: NodeJS.ProcessEnv): Promise<LogRecordProcessor[]> {
  const names = exporterNames(env, 'logs', ['none']);
  if (names.every((n) => n === 'none')) return [];
  const { BatchLogRecordProcessor, SimpleLogRecordProcessor, ConsoleLogRecordExporter } = await import('@opentelemetry/sdk-logs');
  const processors: Array<LogRecordProcessor | undefined> = [];
  for (const name of names) {
    if (name === 'otlp') processors.push(await orWarn('logs', name, async () => new BatchLogRecordProcessor({ exporter: await otlpExporter(env, 'logs', 'OTLPLogExporter') })));
    else if (name === 'console') processors.push(new SimpleLogRecordProcessor({ exporter: new ConsoleLogRecordExporter() }));
    else if (name !== 'none') warnUnknown('logs', name, ['otlp', 'console', 'none']);
  }
  return present(processors);
}
