// What a caller can set when starting telemetry, and the defaults read from the standard
// OTEL_* environment variables, filled in one place so every path (register, CLI, tests)
// behaves the same.
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { requestedInstrumentations } from './instrumentations/select.js';
import { appPackage } from './resource.js';

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
  /** Requests the head sampler skipped are still kept when at least this slow (or failed). @defaultValue TRACE_SLOW_MS when a number, else 500 */
  keepSlowerThanMs?: number;
  /** Incoming paths that get neither a span nor an http metric. @defaultValue ['/healthz', '/readyz', '/metrics'] */
  ignoredPaths?: string[];
}

/** {@link TelemetryOptions} with every default filled in. */
export type ResolvedTelemetryOptions = Required<Omit<TelemetryOptions, 'serviceVersion'>> & { serviceVersion: string | undefined };

/** True for `true` and `1`, as the SDK's boolean variables are read. */
export const isTrue = (v: string | undefined) => ['true', '1'].includes(v?.trim().toLowerCase() ?? '');

function portFrom(v: string | undefined, fallback: number): number {
  if (v === undefined || v.trim() === '') return fallback;
  const port = Number(v);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`OTEL_EXPORTER_PROMETHEUS_PORT must be an integer in 0..65535, got "${v}"`);
  }
  return port;
}

function serviceNameFromResourceAttributes(env: NodeJS.ProcessEnv): string | undefined {
  for (const pair of (env.OTEL_RESOURCE_ATTRIBUTES ?? '').split(',')) {
    const [key, value] = pair.split('=');
    if (key?.trim() === 'service.name' && value?.trim()) return decodeURIComponent(value.trim());
  }
  return undefined;
}

/** Fills every option from `options`, then the environment, then the defaults; rejects invalid ports. */
export function resolveTelemetryOptions(options: TelemetryOptions = {}): ResolvedTelemetryOptions {
  const env = options.env ?? process.env;
  const metricsPort = options.metricsPort ?? portFrom(env.OTEL_EXPORTER_PROMETHEUS_PORT, 9464);
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535) {
    throw new RangeError(`metricsPort must be an integer in 0..65535, got ${metricsPort}`);
  }
  const app = appPackage();
  return {
    env,
    disabled: options.disabled ?? isTrue(env.OTEL_SDK_DISABLED),
    serviceName: options.serviceName ?? (env.OTEL_SERVICE_NAME || serviceNameFromResourceAttributes(env) || app.name || 'unknown_service:node'),
    serviceVersion: options.serviceVersion ?? app.version,
    metricsPort,
    metricsHost: options.metricsHost ?? (env.OTEL_EXPORTER_PROMETHEUS_HOST || '0.0.0.0'),
    serveMetrics: options.serveMetrics ?? true,
    spanProcessors: options.spanProcessors ?? [],
    instrumentations: options.instrumentations ?? requestedInstrumentations(env),
    keepSlowerThanMs: options.keepSlowerThanMs ?? (Number(env.TRACE_SLOW_MS) || 500),
    ignoredPaths: options.ignoredPaths ?? ['/healthz', '/readyz', '/metrics'],
  };
}
