// What a caller can set when starting telemetry, and the defaults read from the standard
// OTEL_* environment variables (parsed by the one config schema, src/config/agent.ts), filled in
// one place so every path (register, CLI, tests) behaves the same.
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { readAgentConfig } from '../config/agent.js';
import { requestedInstrumentations } from './instrumentations/select.js';
import { appPackage } from './resource.js';
import { SlowThreshold } from './slow-threshold.js';

/** Options of `startTelemetry`; every field falls back to the environment, then to a default. */
export interface TelemetryOptions {
  /** Environment to read OTEL_* variables from. @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
  /** Turns everything off. @defaultValue OTEL_SDK_DISABLED is `true` or `1` */
  disabled?: boolean;
  /** `service.name`. @defaultValue OTEL_SERVICE_NAME, else service.name in OTEL_RESOURCE_ATTRIBUTES, else the app's package name */
  serviceName?: string;
  /** `service.version`. @defaultValue the app's package version */
  serviceVersion?: string;
  /** Port of the telemetry port (`/metrics`); 0 picks a free one. @defaultValue OTEL_EXPORTER_PROMETHEUS_PORT, else 9464 */
  metricsPort?: number;
  /** Interface of the telemetry port. @defaultValue OTEL_EXPORTER_PROMETHEUS_HOST, else '0.0.0.0' */
  metricsHost?: string;
  /** Serve the telemetry port at all (false: metrics are still recorded, e.g. for an in-process reader). @defaultValue true */
  serveMetrics?: boolean;
  /** Span processors added next to the exporters', e.g. an in-process trace store. @defaultValue [] */
  spanProcessors?: SpanProcessor[];
  /** Instrumentations to enable, by upstream name. @defaultValue the default set, adjusted by OTEL_NODE_ENABLED_INSTRUMENTATIONS / OTEL_NODE_DISABLED_INSTRUMENTATIONS */
  instrumentations?: string[];
  /** Requests the head sampler skipped are still kept when at least this slow (ms, or `'p95'` of recent ones), or failed. @defaultValue TRACE_SLOW_MS, else 500 */
  keepSlowerThanMs?: number | 'p95';
  /** The slow threshold itself, shared with the trace store so both call the same requests slow; wins over `keepSlowerThanMs`. */
  slowThreshold?: SlowThreshold;
  /** Incoming paths that get neither a span nor an http metric. @defaultValue ['/healthz', '/readyz', '/metrics'] */
  ignoredPaths?: string[];
}

/** {@link TelemetryOptions} with every default filled in. */
export type ResolvedTelemetryOptions = Required<Omit<TelemetryOptions, 'serviceVersion' | 'keepSlowerThanMs'>> & { serviceVersion: string | undefined };

function serviceNameFromResourceAttributes(attributes: string | undefined): string | undefined {
  for (const pair of (attributes ?? '').split(',')) {
    const [key, value] = pair.split('=');
    if (key?.trim() === 'service.name' && value?.trim()) return decodeURIComponent(value.trim());
  }
  return undefined;
}

/**
 * Fills every option from `options`, then the environment, then the defaults; rejects an invalid
 * `metricsPort` option. A bad variable is warned about and its default used (readAgentConfig).
 */
export function resolveTelemetryOptions(options: TelemetryOptions = {}): ResolvedTelemetryOptions {
  const env = options.env ?? process.env;
  const config = readAgentConfig(env);
  const metricsPort = options.metricsPort ?? config.OTEL_EXPORTER_PROMETHEUS_PORT;
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535) {
    throw new RangeError(`metricsPort must be an integer in 0..65535, got ${metricsPort}`);
  }
  const app = appPackage();
  return {
    env,
    disabled: options.disabled ?? config.OTEL_SDK_DISABLED,
    serviceName: options.serviceName ?? (config.OTEL_SERVICE_NAME || serviceNameFromResourceAttributes(config.OTEL_RESOURCE_ATTRIBUTES) || app.name || 'unknown_service:node'),
    serviceVersion: options.serviceVersion ?? app.version,
    metricsPort,
    metricsHost: options.metricsHost ?? config.OTEL_EXPORTER_PROMETHEUS_HOST,
    serveMetrics: options.serveMetrics ?? true,
    spanProcessors: options.spanProcessors ?? [],
    instrumentations: options.instrumentations ?? requestedInstrumentations(env),
    slowThreshold: options.slowThreshold ?? new SlowThreshold(options.keepSlowerThanMs ?? config.TRACE_SLOW_MS),
    ignoredPaths: options.ignoredPaths ?? ['/healthz', '/readyz', '/metrics'],
  };
}
