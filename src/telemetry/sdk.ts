// Starts the telemetry SDK: a tracer provider (the exporters OTEL_TRACES_EXPORTER names plus any
// caller's processors), a meter provider (Prometheus on the telemetry port and/or OTLP), a logger
// provider when OTEL_LOGS_EXPORTER asks for one, foresight's HTTP server path, and the
// instrumentations the app can use. Built from the SDK parts rather than NodeSDK: NodeSDK loads
// every exporter it could ever use, which measured +400 ms on each start. Each part that fails
// (an exporter package, the telemetry port) costs that part only, with one warning.
import { context, diag, DiagConsoleLogger, DiagLogLevel, metrics, propagation, trace } from '@opentelemetry/api';
import { logs } from '@opentelemetry/api-logs';
import { diagLogLevelFromString } from '@opentelemetry/core';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import type { LoggerProvider } from '@opentelemetry/sdk-logs';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { readAgentConfig } from '../config/agent.js';
import { installContextManager, installPropagator } from './context.js';
import { logProcessors, pushMetricReaders, traceProcessors } from './export/index.js';
import { HttpServerTelemetry, RedMetrics, TailKeeper } from './http-server/index.js';
import type { ServerRegistry } from './http-server/servers.js';
import { createInstrumentations, modulePresence, presentInstrumentations, resolutionRoots } from './instrumentations/index.js';
import { resetDomainMetrics } from './metrics.js';
import { resolveTelemetryOptions, type TelemetryOptions } from './options.js';
import { openTelemetryPort, type TelemetryPort } from './port.js';
import { registerProcessMetrics } from './process-metrics.js';
import { buildResource } from './resource.js';
import { GatedSampler, samplingFromEnv } from './sampler.js';
import { FanOutSpanProcessor } from './span-processors.js';
import { metricViews } from './views.js';

/** A started (or disabled) telemetry SDK. */
export interface Telemetry {
  /** False when OTEL_SDK_DISABLED (or `disabled`) turned everything off. */
  enabled: boolean;
  /** The bound telemetry port, or undefined when not served (disabled, or the port was taken). */
  metricsPort: number | undefined;
  /** The telemetry port, to mount more handlers on; undefined when not served. */
  port?: TelemetryPort;
  /** The instrumentations enabled (after the presence check). */
  instrumentations: string[];
  /** The RED metrics of every HTTP server request, for views over them (the console's routes); absent when disabled. */
  red?: RedMetrics;
  /** The app's HTTP servers seen so far (for a graceful stop); absent when the http instrumentation is off. */
  servers?: ServerRegistry;
  /** Attaches a span processor after start (e.g. the in-process trace store); absent when disabled. */
  addSpanProcessor?(processor: SpanProcessor): void;
  /** Exports the finished spans, metrics and logs now, keeping everything running. */
  forceFlush?(): Promise<void>;
  /** Flushes pending spans, metrics and logs, closes the port, removes the instrumentations and the global providers. Idempotent. */
  shutdown(): Promise<void>;
}

const disabledTelemetry: Telemetry = Object.freeze({
  enabled: false,
  metricsPort: undefined,
  instrumentations: [],
  shutdown: async () => {},
});

let running = false;

function installDiag(env: NodeJS.ProcessEnv): void {
  // Export failures and instrumentation errors are reported on stderr at WARN and above,
  // unless OTEL_LOG_LEVEL says otherwise: a silent exporter is worse than a noisy one.
  const level = diagLogLevelFromString(readAgentConfig(env).OTEL_LOG_LEVEL) ?? DiagLogLevel.WARN;
  diag.setLogger(new DiagConsoleLogger(), { logLevel: level, suppressOverrideMessage: true });
}

async function openPortOrWarn(host: string, port: number, exporter: PrometheusExporter | undefined): Promise<TelemetryPort | undefined> {
  try {
    return await openTelemetryPort(host, port, exporter);
  } catch (err) {
    diag.warn(`telemetry port ${host}:${port} not served (${(err as Error).message}); traces, logs and metric recording go on`);
    return undefined;
  }
}

/** Starts telemetry from `options` and the OTEL_* environment; one at a time per process. */
export async function startTelemetry(options: TelemetryOptions = {}): Promise<Telemetry> {
  const o = resolveTelemetryOptions(options);
  if (o.disabled) return disabledTelemetry;
  if (running) throw new Error('telemetry is already started in this process; shut it down before starting again');
  running = true;
  try {
    installDiag(o.env);
    // The RED metrics of every HTTP request, read by every metric reader.
    const red = new RedMetrics();
    const [resource, exportProcessors, metricExport, logRecordProcessors] = await Promise.all([
      buildResource(o.serviceName, o.serviceVersion),
      traceProcessors(o.env),
      pushMetricReaders(o.env, [red]),
      logProcessors(o.env),
    ]);

    const fanOut = new FanOutSpanProcessor([...o.spanProcessors, ...exportProcessors]);
    const recording = () => fanOut.size > 0;
    const sampling = samplingFromEnv(o.env);
    const decideRequest = sampling.decideRequest;
    const tracerProvider = new BasicTracerProvider({
      resource,
      sampler: new GatedSampler(sampling.sampler, recording),
      spanProcessors: [fanOut],
    });
    const contextManager = installContextManager();
    installPropagator(o.env);
    trace.setGlobalTracerProvider(tracerProvider);

    // The exporter's own server cannot bind port 0; port.ts serves its handler.
    const prometheus = metricExport.prometheus ? new PrometheusExporter({ preventServerStart: true, metricProducers: [red] }) : undefined;
    const meterProvider = new MeterProvider({ resource, readers: [...(prometheus ? [prometheus] : []), ...metricExport.readers], views: metricViews() });
    metrics.setGlobalMeterProvider(meterProvider);
    resetDomainMetrics();
    registerProcessMetrics(meterProvider.getMeter('foresight-process'));

    let loggerProvider: LoggerProvider | undefined;
    if (logRecordProcessors.length > 0) {
      const { LoggerProvider } = await import('@opentelemetry/sdk-logs');
      loggerProvider = new LoggerProvider({ resource, processors: logRecordProcessors });
      logs.setGlobalLoggerProvider(loggerProvider);
    }

    const httpServer = o.instrumentations.includes('http')
      ? new HttpServerTelemetry({
          tracer: tracerProvider.getTracer('foresight-http-server'),
          red,
          context: contextManager,
          ignoredPaths: o.ignoredPaths,
          tail: new TailKeeper(resource, fanOut, o.slowThreshold),
          decide: decideRequest && ((parent) => recording() && decideRequest(parent)),
        })
      : undefined;
    httpServer?.enable();
    const names = presentInstrumentations(o.instrumentations, modulePresence(resolutionRoots(process.argv[1], process.cwd())));
    const instrumentations = createInstrumentations(names, { logSending: loggerProvider !== undefined });
    const unregister = registerInstrumentations({ instrumentations, tracerProvider, meterProvider, loggerProvider });
    const port = o.serveMetrics ? await openPortOrWarn(o.metricsHost, o.metricsPort, prometheus) : undefined;

    const teardown = async () => {
      unregister();
      httpServer?.disable();
      const results = await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown(), loggerProvider?.shutdown(), port?.close()]);
      for (const r of results) if (r.status === 'rejected') diag.error('telemetry shutdown', r.reason);
      trace.disable();
      metrics.disable();
      logs.disable();
      propagation.disable();
      context.disable();
      resetDomainMetrics();
      running = false;
    };
    let stopping: Promise<void> | undefined;
    return {
      enabled: true,
      metricsPort: port?.port,
      port,
      instrumentations: names,
      red,
      servers: httpServer?.servers,
      addSpanProcessor: (processor) => fanOut.add(processor),
      forceFlush: async () => {
        await Promise.allSettled([tracerProvider.forceFlush(), meterProvider.forceFlush(), loggerProvider?.forceFlush()]);
      },
      shutdown: () => (stopping ??= teardown()),
    };
  } catch (err) {
    running = false;
    throw err;
  }
}
