// What a caller can set when starting telemetry, and the defaults read from the standard
// OTEL_* environment variables, filled in one place so every path (register, CLI, tests)
// behaves the same.
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Names accepted in `instrumentations` and in OTEL_NODE_(EN|DIS)ABLED_INSTRUMENTATIONS. */
export const instrumentationNames = ['http', 'pg', 'ioredis', 'pino', 'runtime-node', 'undici'] as const;
/** One instrumentation name. */
export type InstrumentationName = (typeof instrumentationNames)[number];

/** The default set: undici stays off (the API makes no outgoing fetch calls). */
const defaultInstrumentations: InstrumentationName[] = ['http', 'pg', 'ioredis', 'pino', 'runtime-node'];

/** Options of `startTelemetry`; every field falls back to the environment, then to a default. */
export interface TelemetryOptions {
  /** Environment to read OTEL_* variables from. @defaultValue process.env */
  env?: NodeJS.ProcessEnv;
  /** Turns everything off. @defaultValue OTEL_SDK_DISABLED === 'true' */
  disabled?: boolean;
  /** `service.name`. @defaultValue OTEL_SERVICE_NAME, else 'foresight' */
  serviceName?: string;
  /** `service.version`. @defaultValue the foresight package version */
  serviceVersion?: string;
  /** Port of the `/metrics` endpoint; 0 picks a free one. @defaultValue OTEL_EXPORTER_PROMETHEUS_PORT, else 9464 */
  metricsPort?: number;
  /** Interface of the `/metrics` endpoint. @defaultValue OTEL_EXPORTER_PROMETHEUS_HOST, else '0.0.0.0' */
  metricsHost?: string;
  /** Serve `/metrics` at all (false: metrics are still recorded, e.g. for an in-process reader). @defaultValue true */
  serveMetrics?: boolean;
  /** Span processors added next to the OTLP one, e.g. an in-process trace store. @defaultValue [] */
  spanProcessors?: SpanProcessor[];
  /** Export spans over OTLP/HTTP. @defaultValue true when an OTLP (traces) endpoint is set and OTEL_TRACES_EXPORTER is not 'none' */
  otlpTraces?: boolean;
  /** Instrumentations to enable. @defaultValue http, pg, ioredis, pino, runtime-node, adjusted by OTEL_NODE_ENABLED_INSTRUMENTATIONS / OTEL_NODE_DISABLED_INSTRUMENTATIONS */
  instrumentations?: InstrumentationName[];
  /** Incoming paths that get neither a span nor an http metric. @defaultValue ['/healthz', '/readyz', '/metrics'] */
  ignoredPaths?: string[];
}

/** {@link TelemetryOptions} with every default filled in. */
export type ResolvedTelemetryOptions = Required<Omit<TelemetryOptions, 'serviceVersion'>> & { serviceVersion: string | undefined };

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const isTrue = (v: string | undefined) => v?.trim().toLowerCase() === 'true';

function portFrom(v: string | undefined, fallback: number): number {
  if (v === undefined || v.trim() === '') return fallback;
  const port = Number(v);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`OTEL_EXPORTER_PROMETHEUS_PORT must be an integer in 0..65535, got "${v}"`);
  }
  return port;
}

function instrumentationsFrom(env: NodeJS.ProcessEnv): InstrumentationName[] {
  const known = (names: string[]) => names.filter((n): n is InstrumentationName => (instrumentationNames as readonly string[]).includes(n));
  const enabled = list(env.OTEL_NODE_ENABLED_INSTRUMENTATIONS);
  const disabled = new Set(list(env.OTEL_NODE_DISABLED_INSTRUMENTATIONS));
  const base = enabled.length > 0 ? known(enabled) : defaultInstrumentations;
  return base.filter((n) => !disabled.has(n));
}

/** Fills every option from `options`, then the environment, then the defaults; rejects invalid ports. */
export function resolveTelemetryOptions(options: TelemetryOptions = {}): ResolvedTelemetryOptions {
  const env = options.env ?? process.env;
  const metricsPort = options.metricsPort ?? portFrom(env.OTEL_EXPORTER_PROMETHEUS_PORT, 9464);
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535) {
    throw new RangeError(`metricsPort must be an integer in 0..65535, got ${metricsPort}`);
  }
  const tracesExporter = list(env.OTEL_TRACES_EXPORTER);
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return {
    env,
    disabled: options.disabled ?? isTrue(env.OTEL_SDK_DISABLED),
    serviceName: options.serviceName ?? (env.OTEL_SERVICE_NAME || 'foresight'),
    serviceVersion: options.serviceVersion,
    metricsPort,
    metricsHost: options.metricsHost ?? (env.OTEL_EXPORTER_PROMETHEUS_HOST || '0.0.0.0'),
    serveMetrics: options.serveMetrics ?? true,
    spanProcessors: options.spanProcessors ?? [],
    otlpTraces: options.otlpTraces ?? (Boolean(endpoint) && !tracesExporter.includes('none')),
    instrumentations: options.instrumentations ?? instrumentationsFrom(env),
    ignoredPaths: options.ignoredPaths ?? ['/healthz', '/readyz', '/metrics'],
  };
}
