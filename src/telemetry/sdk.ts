// Starts the telemetry SDK: tracer provider (OTLP/HTTP when an endpoint is set, plus any
// caller-provided processors), meter provider with the Prometheus exposition, the selected
// instrumentations, and process metrics. Built from the SDK parts rather than NodeSDK:
// NodeSDK loads every exporter it could ever use (gRPC, protobuf, Zipkin), which measured
// +400 ms on each start of `node --import foresight/register`.
import { context, diag, DiagConsoleLogger, DiagLogLevel, metrics, propagation, trace } from '@opentelemetry/api';
import { diagLogLevelFromString } from '@opentelemetry/core';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { installContextManager, installPropagator } from './context.js';
import { createInstrumentations } from './instrumentations.js';
import { resetDomainMetrics } from './metrics.js';
import { serveMetrics, type MetricsServer } from './metrics-server.js';
import { resolveTelemetryOptions, type TelemetryOptions } from './options.js';
import { registerProcessMetrics } from './process-metrics.js';
import { buildResource, foresightVersion } from './resource.js';
import { GatedSampler, samplerFromEnv } from './sampler.js';
import { FanOutSpanProcessor } from './span-processors.js';

/** A started (or disabled) telemetry SDK. */
export interface Telemetry {
  /** False when OTEL_SDK_DISABLED (or `disabled`) turned everything off. */
  enabled: boolean;
  /** The bound port of `/metrics`, or undefined when not served. */
  metricsPort: number | undefined;
  /** Attaches a span processor after start (e.g. the in-process trace store); absent when disabled. */
  addSpanProcessor?(processor: SpanProcessor): void;
  /** Flushes pending spans, stops `/metrics`, removes the instrumentations and the global providers. Idempotent. */
  shutdown(): Promise<void>;
}

const disabledTelemetry: Telemetry = Object.freeze({
  enabled: false,
  metricsPort: undefined,
  shutdown: async () => {},
});

let running = false;

function installDiag(env: NodeJS.ProcessEnv): void {
  // Export failures and instrumentation errors are reported on stderr at WARN and above,
  // unless OTEL_LOG_LEVEL says otherwise: a silent exporter is worse than a noisy one.
  const level = env.OTEL_LOG_LEVEL ? diagLogLevelFromString(env.OTEL_LOG_LEVEL) : DiagLogLevel.WARN;
  diag.setLogger(new DiagConsoleLogger(), { logLevel: level ?? DiagLogLevel.WARN, suppressOverrideMessage: true });
}

/** Starts telemetry from `options` and the OTEL_* environment; one at a time per process. */
export async function startTelemetry(options: TelemetryOptions = {}): Promise<Telemetry> {
  const o = resolveTelemetryOptions(options);
  if (o.disabled) return disabledTelemetry;
  if (running) throw new Error('telemetry is already started in this process; shut it down before starting again');
  running = true;
  try {
    installDiag(o.env);
    const resource = await buildResource(o.serviceName, o.serviceVersion ?? foresightVersion());

    const fanOut = new FanOutSpanProcessor(o.spanProcessors);
    if (o.otlpTraces) {
      const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
      fanOut.add(new BatchSpanProcessor(new OTLPTraceExporter()));
    }
    const tracerProvider = new BasicTracerProvider({
      resource,
      sampler: new GatedSampler(samplerFromEnv(o.env), () => fanOut.size > 0),
      spanProcessors: [fanOut],
    });
    installContextManager();
    installPropagator(o.env);
    trace.setGlobalTracerProvider(tracerProvider);

    // The exporter's own server cannot bind port 0; metrics-server.ts serves its handler.
    const exporter = new PrometheusExporter({ preventServerStart: true });
    const meterProvider = new MeterProvider({ resource, readers: [exporter] });
    metrics.setGlobalMeterProvider(meterProvider);
    resetDomainMetrics();
    registerProcessMetrics(meterProvider.getMeter('foresight-process'));

    const instrumentations = await createInstrumentations(o.instrumentations, {
      ignoredPaths: o.ignoredPaths,
      pinoLogSending: false,
    });
    const unregister = registerInstrumentations({ instrumentations, tracerProvider, meterProvider });
    let server: MetricsServer | undefined;
    const teardown = async () => {
      unregister();
      const results = await Promise.allSettled([tracerProvider.shutdown(), meterProvider.shutdown(), server?.close()]);
      for (const r of results) if (r.status === 'rejected') diag.error('telemetry shutdown', r.reason);
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
      resetDomainMetrics();
      running = false;
    };
    try {
      server = o.serveMetrics ? await serveMetrics(exporter, o.metricsHost, o.metricsPort) : undefined;
    } catch (err) {
      // E.g. the metrics port is taken: leave no half-started SDK behind.
      await teardown();
      throw err;
    }

    let stopping: Promise<void> | undefined;
    return {
      enabled: true,
      metricsPort: server?.port,
      addSpanProcessor: (processor) => fanOut.add(processor),
      shutdown: () => (stopping ??= teardown()),
    };
  } catch (err) {
    running = false;
    throw err;
  }
}
