// The agent's variables: the standard OTEL_* ones it honours and its trace store's. Part of the
// one schema (schema.ts extends this), read by `foresight/register` before any app code and by
// the API alike. The agent runs inside someone else's app, so a bad value must not stop that
// app: it costs one warning naming the variable, and the default is used.
import { z } from 'zod';
import { bool, int, onOff, port, slowThreshold } from './fields.js';

/** The agent's variables, their defaults and (in `.describe`) their meaning. */
export const agentEnvSchema = z.object({
  OTEL_SDK_DISABLED: bool(false).describe('Turn all telemetry off: `true` or `1` (the benchmark baseline)'),
  OTEL_SERVICE_NAME: z.string().optional().describe('service.name resource attribute (unset: service.name in OTEL_RESOURCE_ATTRIBUTES, else the app\'s package name)'),
  OTEL_EXPORTER_PROMETHEUS_PORT: port(9464).describe('Telemetry port: `/metrics`, the trace API and the console (0 picks a free one)'),
  OTEL_EXPORTER_PROMETHEUS_HOST: z.string().default('0.0.0.0').describe('Interface of the telemetry port'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().optional().describe('OTLP endpoint; traces are exported there when set'),
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
const toStderr: Warn = (message) => process.stderr.write(`foresight: ${message}\n`);

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
    ignored.push({ variable, value: value ?? '', problem: parsed.error.issues.map((i) => i.message).join('; '), used });
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
