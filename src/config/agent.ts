// The agent's variables: the standard OTEL_* ones it honours and its trace store's. Part of the
// one schema (schema.ts extends this), read by `foresight/register` before any app code and by
// the API alike. The agent runs inside someone else's app, so a bad value must not stop that
// app: it costs one warning naming the variable, and the default is used.
import { z } from 'zod';
import { bool, headerList, int, isSecret, list, oneOf, onOff, port, ratio, secret, slowThreshold } from './fields.js';

const protocols = ['http/protobuf', 'http/json', 'grpc'] as const;
const protocol = (signal: string) =>
  oneOf(protocols).optional().describe(`OTLP protocol of ${signal} (http/protobuf, http/json, grpc); unset: OTEL_EXPORTER_OTLP_PROTOCOL`);
const endpoint = (signal: string) => z.string().optional().describe(`OTLP endpoint of ${signal}; unset: OTEL_EXPORTER_OTLP_ENDPOINT`);
const compressions = ['gzip', 'none'] as const;
// Headers carry credentials (an API key, a bearer token): `foresight config` and the warnings mask them.
const headers = (signal: string) => secret(headerList().optional(), `Headers of OTLP ${signal} requests, \`key=value,...\` (values percent-encoded); unset: OTEL_EXPORTER_OTLP_HEADERS`);
const timeout = (signal: string) => z.coerce.number<string>().int().min(1).optional().describe(`Milliseconds an OTLP export of ${signal} may take; unset: OTEL_EXPORTER_OTLP_TIMEOUT`);
const compression = (signal: string) => oneOf(compressions).optional().describe(`Compression of OTLP ${signal} requests (gzip, none); unset: OTEL_EXPORTER_OTLP_COMPRESSION`);

/** The agent's variables, their defaults and (in `.describe`) their meaning. */
export const agentEnvSchema = z.object({
  OTEL_SDK_DISABLED: bool(false).describe('Turn all telemetry off: `true` or `1` (the benchmark baseline)'),
  OTEL_SERVICE_NAME: z.string().optional().describe('service.name resource attribute (unset: service.name in OTEL_RESOURCE_ATTRIBUTES, else the app\'s package name)'),
  OTEL_RESOURCE_ATTRIBUTES: z.string().optional().describe('More resource attributes, `key=value,...` (values percent-encoded)'),
  OTEL_EXPORTER_PROMETHEUS_PORT: port(9464).describe('Telemetry port: `/metrics`, the trace API and the console (0 picks a free one)'),
  OTEL_EXPORTER_PROMETHEUS_HOST: z.string().default('0.0.0.0').describe('Interface of the telemetry port'),
  OTEL_TRACES_EXPORTER: list().optional().describe('Trace exporters: `otlp`, `console`, `none` (comma-separated; unset: `otlp` when an OTLP endpoint is set, else `none`)'),
  OTEL_METRICS_EXPORTER: list().default(['prometheus']).describe('Metric exporters: `prometheus` (on the telemetry port), `otlp`, `console`, `none` (comma-separated)'),
  OTEL_LOGS_EXPORTER: list().default(['none']).describe('Log exporters: `otlp`, `console`, `none` (comma-separated)'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional().describe('OTLP endpoint; traces are exported there when set'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint('traces'),
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: endpoint('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: endpoint('logs'),
  OTEL_EXPORTER_OTLP_PROTOCOL: oneOf(protocols).default('http/protobuf').describe('OTLP protocol: `http/protobuf`, `http/json` or `grpc`'),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol('traces'),
  OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: protocol('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: protocol('logs'),
  OTEL_EXPORTER_OTLP_HEADERS: secret(headerList().optional(), 'Headers of every OTLP request, `key=value,...` (values percent-encoded), e.g. an API key'),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: headers('traces'),
  OTEL_EXPORTER_OTLP_METRICS_HEADERS: headers('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_HEADERS: headers('logs'),
  OTEL_EXPORTER_OTLP_TIMEOUT: int(10000, 1).describe('Milliseconds an OTLP export may take'),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: timeout('traces'),
  OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: timeout('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: timeout('logs'),
  OTEL_EXPORTER_OTLP_COMPRESSION: oneOf(compressions).default('none').describe('Compression of OTLP requests: `gzip` or `none`'),
  OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: compression('traces'),
  OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: compression('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: compression('logs'),
  OTEL_METRIC_EXPORT_INTERVAL: int(60000, 1).describe('Milliseconds between pushes of the `otlp` and `console` metric exporters'),
  OTEL_TRACES_SAMPLER: oneOf(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'])
    .optional()
    .describe('Head sampler, as the OpenTelemetry SDK names them (unset: follow the parent, else start at most FORESIGHT_TRACES_PER_SECOND new traces a second)'),
  OTEL_TRACES_SAMPLER_ARG: ratio(1).describe('Ratio of the `traceidratio` samplers'),
  FORESIGHT_TRACES_PER_SECOND: z.coerce.number<string>().finite().min(0).default(10).describe('New traces started a second at most by the default sampler; slow and failed requests are kept besides'),
  OTEL_PROPAGATORS: list().default(['tracecontext', 'baggage']).describe('Context propagators: `tracecontext`, `baggage`, `none` (comma-separated)'),
  OTEL_NODE_ENABLED_INSTRUMENTATIONS: list().optional().describe('Instrumentations to enable, by upstream name (unset: the default set; fs, dns and net are off)'),
  OTEL_NODE_DISABLED_INSTRUMENTATIONS: list().optional().describe('Instrumentations to leave off, by upstream name'),
  OTEL_LOG_LEVEL: oneOf(['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all']).default('warn').describe('Level of the OpenTelemetry diagnostics on stderr (export failures are warnings)'),
  FORESIGHT_TRACE_STORE: onOff(true).describe('Keep recent traces in process for /api/v1/traces and the console (`off` for none)'),
  TRACE_STORE_MAX_TRACES: int(2000, 1).describe('Traces the in-process store keeps at most'),
  TRACE_STORE_MAX_BYTES: int(33554432, 1024).describe('Memory budget of the trace store (estimated bytes)'),
  TRACE_SLOW_MS: slowThreshold(500).describe(
    'A request at least this slow (ms, or `p95` of recent ones) is slow: the agent keeps its span even when unsampled, the trace store keeps it longer, as failed ones',
  ),
  FORESIGHT_DRAIN_TIMEOUT_MS: int(10000, 0).describe('On SIGTERM/SIGINT, how long in-flight requests may take before their connections are cut'),
});

/** The agent's variables, parsed. */
export type AgentConfig = z.infer<typeof agentEnvSchema>;

type AgentVariable = keyof typeof agentEnvSchema.shape;
const agentVariables = Object.keys(agentEnvSchema.shape) as AgentVariable[];

/** A bad value of one variable: what was given and what is used instead. */
export interface IgnoredValue {
  variable: string;
  value: string;
  problem: string;
  used: unknown;
}

/** Where a warning about an ignored value goes; stderr unless a caller routes it. */
export type Warn = (message: string) => void;
// Once per process: the environment can change between reads (\`rules serve\` names its service
// before loading Config), and a value already warned about needs no second line.
const warnedOnStderr = new Set<string>();
const toStderr: Warn = (message) => {
  if (warnedOnStderr.has(message)) return;
  warnedOnStderr.add(message);
  process.stderr.write(`foresight: ${message}\n`);
};

/** The one warning an ignored value gets. */
export const describeIgnored = (i: IgnoredValue) => `${i.variable}="${i.value}" ignored (${i.problem}); using the default ${String(i.used)}`;

// Unset, or set to nothing: the OpenTelemetry rule is that an empty value means unset.
const rawValue = (env: NodeJS.ProcessEnv, name: string) => (env[name]?.trim() ? env[name] : undefined);

/**
 * Parses each of `variables` on its own: a bad value is reported in `ignored` and replaced by
 * the default, so one wrong variable costs only what it configures.
 */
export function parseLeniently<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv): { values: Record<string, unknown>; ignored: IgnoredValue[] } {
  const values: Record<string, unknown> = {};
  const ignored: IgnoredValue[] = [];
  for (const [variable, field] of Object.entries(shape) as Array<[string, z.ZodType]>) {
    const value = rawValue(env, variable);
    const parsed = field.safeParse(value);
    if (parsed.success) {
      values[variable] = parsed.data;
      continue;
    }
    const used = field.parse(undefined);
    values[variable] = used;
    ignored.push({ variable, value: isSecret(field) ? '****' : (value ?? ''), problem: parsed.error.issues.map((i) => i.message).join('; '), used });
  }
  return { values, ignored };
}

// Read once per environment and set of values: register, the SDK, the shutdown handlers and the
// server's Config all ask, and an ignored value is warned about once.
const read = new WeakMap<object, { key: string; config: AgentConfig }>();

/** The agent's variables from `env`; a bad value is warned about (once) and its default used. */
export function readAgentConfig(env: NodeJS.ProcessEnv = process.env, warn: Warn = toStderr): AgentConfig {
  const key = agentVariables.map((name) => env[name] ?? '\u0000').join('\u0001');
  const cached = read.get(env);
  if (cached?.key === key) return cached.config;
  const { values, ignored } = parseLeniently(agentEnvSchema.shape, env);
  for (const i of ignored) warn(describeIgnored(i));
  const config = values as AgentConfig;
  read.set(env, { key, config });
  return config;
}
