// The agent's variables: the standard OTEL_* ones it honours and its trace store's. Part of the
// one schema (schema.ts wraps these), read by `foresight/register` before any app code and by
// the API alike. The agent runs inside someone else's app, so a bad value must not stop that
// app: it costs one warning naming the variable, and the default is used. Read without zod
// (env-values.ts): loaded into the app's process, zod cost an idle app ~11 MB of resident memory.
import { decimal, envVariable, headerList, integer, list, oneOf, onOff, slowThreshold, tcpPort, text, trueFalse, type EnvVariable } from './env-values.js';

const protocols = ['http/protobuf', 'http/json', 'grpc'] as const;
const protocol = (signal: string) =>
  envVariable(oneOf(protocols), undefined, `OTLP protocol of ${signal} (http/protobuf, http/json, grpc); unset: OTEL_EXPORTER_OTLP_PROTOCOL`);
const endpoint = (signal: string) => envVariable(text, undefined, `OTLP endpoint of ${signal}; unset: OTEL_EXPORTER_OTLP_ENDPOINT`);
const compressions = ['gzip', 'none'] as const;
// Headers carry credentials (an API key, a bearer token): `foresight config` and the warnings mask them.
const headers = (signal: string) =>
  envVariable(headerList, undefined, `Headers of OTLP ${signal} requests, \`key=value,...\` (values percent-encoded); unset: OTEL_EXPORTER_OTLP_HEADERS`, true);
const timeout = (signal: string) => envVariable(integer(1), undefined, `Milliseconds an OTLP export of ${signal} may take; unset: OTEL_EXPORTER_OTLP_TIMEOUT`);
const compression = (signal: string) => envVariable(oneOf(compressions), undefined, `Compression of OTLP ${signal} requests (gzip, none); unset: OTEL_EXPORTER_OTLP_COMPRESSION`);

/** The agent's variables, their defaults and their meaning; schema.ts makes them part of the one schema. */
export const agentVariables = {
  OTEL_SDK_DISABLED: envVariable(trueFalse, false, 'Turn all telemetry off: `true` or `1` (the benchmark baseline)'),
  OTEL_SERVICE_NAME: envVariable(text, undefined, 'service.name resource attribute (unset: service.name in OTEL_RESOURCE_ATTRIBUTES, else the app\'s package name)'),
  OTEL_RESOURCE_ATTRIBUTES: envVariable(text, undefined, 'More resource attributes, `key=value,...` (values percent-encoded)'),
  OTEL_EXPORTER_PROMETHEUS_PORT: envVariable(tcpPort, 9464, 'Telemetry port: `/metrics`, the trace API and the console (0 picks a free one)'),
  OTEL_EXPORTER_PROMETHEUS_HOST: envVariable(text, '0.0.0.0', 'Interface of the telemetry port'),
  OTEL_TRACES_EXPORTER: envVariable(list, undefined, 'Trace exporters: `otlp`, `console`, `none` (comma-separated; unset: `otlp` when an OTLP endpoint is set, else `none`)'),
  OTEL_METRICS_EXPORTER: envVariable(list, ['prometheus'], 'Metric exporters: `prometheus` (on the telemetry port), `otlp`, `console`, `none` (comma-separated)'),
  OTEL_LOGS_EXPORTER: envVariable(list, ['none'], 'Log exporters: `otlp`, `console`, `none` (comma-separated)'),
  OTEL_EXPORTER_OTLP_ENDPOINT: envVariable(text, undefined, 'OTLP endpoint; traces are exported there when set'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint('traces'),
  OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: endpoint('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: endpoint('logs'),
  OTEL_EXPORTER_OTLP_PROTOCOL: envVariable(oneOf(protocols), 'http/protobuf', 'OTLP protocol: `http/protobuf`, `http/json` or `grpc`'),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: protocol('traces'),
  OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: protocol('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: protocol('logs'),
  OTEL_EXPORTER_OTLP_HEADERS: envVariable(headerList, undefined, 'Headers of every OTLP request, `key=value,...` (values percent-encoded), e.g. an API key', true),
  OTEL_EXPORTER_OTLP_TRACES_HEADERS: headers('traces'),
  OTEL_EXPORTER_OTLP_METRICS_HEADERS: headers('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_HEADERS: headers('logs'),
  OTEL_EXPORTER_OTLP_TIMEOUT: envVariable(integer(1), 10000, 'Milliseconds an OTLP export may take'),
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: timeout('traces'),
  OTEL_EXPORTER_OTLP_METRICS_TIMEOUT: timeout('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: timeout('logs'),
  OTEL_EXPORTER_OTLP_COMPRESSION: envVariable(oneOf(compressions), 'none', 'Compression of OTLP requests: `gzip` or `none`'),
  OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: compression('traces'),
  OTEL_EXPORTER_OTLP_METRICS_COMPRESSION: compression('metrics'),
  OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: compression('logs'),
  OTEL_METRIC_EXPORT_INTERVAL: envVariable(integer(1), 60000, 'Milliseconds between pushes of the `otlp` and `console` metric exporters'),
  OTEL_TRACES_SAMPLER: envVariable(
    oneOf(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio']),
    undefined,
    'Head sampler, as the OpenTelemetry SDK names them (unset: follow the parent, else start at most FORESIGHT_TRACES_PER_SECOND new traces a second)',
  ),
  OTEL_TRACES_SAMPLER_ARG: envVariable(decimal(0, 1), 1, 'Ratio of the `traceidratio` samplers'),
  FORESIGHT_TRACES_PER_SECOND: envVariable(decimal(0), 10, 'New traces started a second at most by the default sampler; slow and failed requests are kept besides'),
  OTEL_PROPAGATORS: envVariable(list, ['tracecontext', 'baggage'], 'Context propagators: `tracecontext`, `baggage`, `none` (comma-separated)'),
  OTEL_NODE_ENABLED_INSTRUMENTATIONS: envVariable(list, undefined, 'Instrumentations to enable, by upstream name (unset: the default set; fs, dns and net are off)'),
  OTEL_NODE_DISABLED_INSTRUMENTATIONS: envVariable(list, undefined, 'Instrumentations to leave off, by upstream name'),
  OTEL_LOG_LEVEL: envVariable(
    oneOf(['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all']),
    'warn',
    'Level of the OpenTelemetry diagnostics on stderr (export failures are warnings)',
  ),
  FORESIGHT_TRACE_STORE: envVariable(onOff, true, 'Keep recent traces in process for /api/v1/traces and the console (`off` for none)'),
  TRACE_STORE_MAX_TRACES: envVariable(integer(1), 2000, 'Traces the in-process store keeps at most'),
  TRACE_STORE_MAX_BYTES: envVariable(integer(1024), 33554432, 'Memory budget of the trace store (estimated bytes)'),
  TRACE_SLOW_MS: envVariable(
    slowThreshold,
    500,
    'A request at least this slow (ms, or `p95` of recent ones) is slow: the agent keeps its span even when unsampled, the trace store keeps it longer, as failed ones',
  ),
  FORESIGHT_DRAIN_TIMEOUT_MS: envVariable(integer(0), 10000, 'On SIGTERM/SIGINT, how long in-flight requests may take before their connections are cut'),
} satisfies Record<string, EnvVariable<unknown>>;

/** The agent's variables, parsed. */
export type AgentConfig = { [K in keyof typeof agentVariables]: ReturnType<(typeof agentVariables)[K]['read']> };

const variableNames = Object.keys(agentVariables) as Array<keyof AgentConfig>;

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
export function parseLeniently(variables: Record<string, EnvVariable<unknown>>, env: NodeJS.ProcessEnv): { values: Record<string, unknown>; ignored: IgnoredValue[] } {
  const values: Record<string, unknown> = {};
  const ignored: IgnoredValue[] = [];
  for (const [name, variable] of Object.entries(variables)) {
    const value = rawValue(env, name);
    try {
      values[name] = variable.read(value);
    } catch (err) {
      const used = variable.read(undefined);
      values[name] = used;
      ignored.push({ variable: name, value: variable.secret ? '****' : (value ?? ''), problem: (err as Error).message, used });
    }
  }
  return { values, ignored };
}

// Read once per environment and set of values: register, the SDK, the shutdown handlers and the
// server's Config all ask, and an ignored value is warned about once.
const read = new WeakMap<object, { key: string; config: AgentConfig }>();

/** The agent's variables from `env`; a bad value is warned about (once) and its default used. */
export function readAgentConfig(env: NodeJS.ProcessEnv = process.env, warn: Warn = toStderr): AgentConfig {
  const key = variableNames.map((name) => env[name] ?? '\u0000').join('\u0001');
  const cached = read.get(env);
  if (cached?.key === key) return cached.config;
  const { values, ignored } = parseLeniently(agentVariables, env);
  for (const i of ignored) warn(describeIgnored(i));
  const config = values as AgentConfig;
  read.set(env, { key, config });
  return config;
}
