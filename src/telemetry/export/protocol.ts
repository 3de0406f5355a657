// OTEL_EXPORTER_OTLP_PROTOCOL and the per-signal override, as the SDK spec defines them, and the
// exporter package each protocol needs (loaded only when chosen: gRPC alone costs ~100 ms).
import { diag } from '@opentelemetry/api';

/** An OTLP transport. */
export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';
/** A signal with its own exporter. */
export type Signal = 'traces' | 'metrics' | 'logs';

const protocols: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];

/** The protocol for `signal`: OTEL_EXPORTER_OTLP_<SIGNAL>_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, else http/protobuf. */
export function otlpProtocol(env: NodeJS.ProcessEnv, signal: Signal): OtlpProtocol {
  const variable = `OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_PROTOCOL`;
  const raw = (env[variable] || env.OTEL_EXPORTER_OTLP_PROTOCOL || 'http/protobuf').trim().toLowerCase();
  if ((protocols as string[]).includes(raw)) return raw as OtlpProtocol;
  diag.warn(`OTLP protocol "${raw}" is not one of ${protocols.join(', ')}; using http/protobuf`);
  return 'http/protobuf';
}

const packageSuffix: Record<OtlpProtocol, string> = { 'http/protobuf': 'proto', 'http/json': 'http', grpc: 'grpc' };
const signalName: Record<Signal, string> = { traces: 'trace', metrics: 'metrics', logs: 'logs' };

/** The exporter package of `signal` over `protocol`, e.g. `@opentelemetry/exporter-trace-otlp-proto`. */
export function exporterPackage(signal: Signal, protocol: OtlpProtocol): string {
  return `@opentelemetry/exporter-${signalName[signal]}-otlp-${packageSuffix[protocol]}`;
}

/** The exporter names in OTEL_<SIGNAL>_EXPORTER; `fallback` when unset. */
export function exporterNames(env: NodeJS.ProcessEnv, signal: Signal, fallback: string[]): string[] {
  const raw = env[`OTEL_${signal.toUpperCase()}_EXPORTER`];
  const names = (raw ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return names.length > 0 ? names : fallback;
}

/** True when an OTLP endpoint for `signal` (or for all signals) is set. */
export function otlpEndpointSet(env: NodeJS.ProcessEnv, signal: Signal): boolean {
  return Boolean(env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`] || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}
