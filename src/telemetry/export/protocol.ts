// OTEL_EXPORTER_OTLP_PROTOCOL and the per-signal override, as the SDK spec defines them (parsed by
// the config schema, src/config/agent.ts), and the exporter package each protocol needs (loaded
// only when chosen: gRPC alone costs ~100 ms).
import { readAgentConfig } from '../../config/agent.js';

/** An OTLP transport. */
export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';
/** A signal with its own exporter. */
export type Signal = 'traces' | 'metrics' | 'logs';

// The signal as its variables spell it (OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL...).
const upper = { traces: 'TRACES', metrics: 'METRICS', logs: 'LOGS' } as const satisfies Record<Signal, string>;

/** The protocol for `signal`: OTEL_EXPORTER_OTLP_<SIGNAL>_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, else http/protobuf. */
export function otlpProtocol(env: NodeJS.ProcessEnv, signal: Signal): OtlpProtocol {
  const config = readAgentConfig(env);
  return config[`OTEL_EXPORTER_OTLP_${upper[signal]}_PROTOCOL`] ?? config.OTEL_EXPORTER_OTLP_PROTOCOL;
}

const packageSuffix: Record<OtlpProtocol, string> = { 'http/protobuf': 'proto', 'http/json': 'http', grpc: 'grpc' };
const signalName: Record<Signal, string> = { traces: 'trace', metrics: 'metrics', logs: 'logs' };

/** The exporter package of `signal` over `protocol`, e.g. `@opentelemetry/exporter-trace-otlp-proto`. */
export function exporterPackage(signal: Signal, protocol: OtlpProtocol): string {
  return `@opentelemetry/exporter-${signalName[signal]}-otlp-${packageSuffix[protocol]}`;
}

/** The exporter names in OTEL_<SIGNAL>_EXPORTER, lower-cased; `fallback` when unset. */
export function exporterNames(env: NodeJS.ProcessEnv, signal: Signal, fallback: string[]): string[] {
  const names = readAgentConfig(env)[`OTEL_${upper[signal]}_EXPORTER`] ?? [];
  return names.length > 0 ? names.map((n) => n.toLowerCase()) : fallback;
}

/** True when an OTLP endpoint for `signal` (or for all signals) is set. */
export function otlpEndpointSet(env: NodeJS.ProcessEnv, signal: Signal): boolean {
  const config = readAgentConfig(env);
  return Boolean(config[`OTEL_EXPORTER_OTLP_${upper[signal]}_ENDPOINT`] || config.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/** What an OTLP exporter of `signal` is built with: the per-signal variable over the general one. */
export interface OtlpRequestOptions {
  /** General headers, then the signal's on top (as the JavaScript SDK merges them). */
  headers: Record<string, string>;
  timeoutMillis: number;
  compression: 'gzip' | 'none';
}

/** The headers, timeout and compression of `signal`'s OTLP requests. */
export function otlpRequestOptions(env: NodeJS.ProcessEnv, signal: Signal): OtlpRequestOptions {
  const config = readAgentConfig(env);
  const s = upper[signal];
  return {
    headers: { ...config.OTEL_EXPORTER_OTLP_HEADERS, ...config[`OTEL_EXPORTER_OTLP_${s}_HEADERS`] },
    timeoutMillis: config[`OTEL_EXPORTER_OTLP_${s}_TIMEOUT`] ?? config.OTEL_EXPORTER_OTLP_TIMEOUT,
    compression: config[`OTEL_EXPORTER_OTLP_${s}_COMPRESSION`] ?? config.OTEL_EXPORTER_OTLP_COMPRESSION,
  };
}
