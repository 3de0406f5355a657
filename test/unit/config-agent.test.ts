// The agent's variables are part of the one schema and parsed by its rules wherever they are
// read (register, the SDK options, the server's Config, `foresight config`); a bad value costs
// one warning naming the variable, and the default is used.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { readAgentConfig } from '../../src/config/agent.js';
import { effectiveConfig, maskUrls } from '../../src/config/effective.js';
import { envSchema, loadConfig } from '../../src/config/index.js';
import { resolveTelemetryOptions } from '../../src/telemetry/index.js';

/** Reads `env` as the agent does, collecting the warnings. */
function agentRead(env: NodeJS.ProcessEnv) {
  const warnings: string[] = [];
  const config = readAgentConfig(env, (m) => warnings.push(m));
  return { config, warnings };
}

test('OTEL_SDK_DISABLED means the same to the agent, the SDK options and Config: true or 1, in any case', () => {
  for (const [value, disabled] of [['1', true], ['true', true], [' TRUE ', true], ['0', false], ['false', false], ['', false]] as const) {
    const env = { OTEL_SDK_DISABLED: value };
    assert.equal(agentRead(env).config.OTEL_SDK_DISABLED, disabled, `agent, "${value}"`);
    assert.equal(resolveTelemetryOptions({ env }).disabled, disabled, `SDK options, "${value}"`);
    assert.equal(loadConfig(env).OTEL_SDK_DISABLED, disabled, `Config, "${value}"`);
  }
});

test('a bad TRACE_STORE_MAX_TRACES: one warning naming the variable, the default used, in the agent and in Config', () => {
  const env = { TRACE_STORE_MAX_TRACES: 'lots', TRACE_STORE_MAX_BYTES: '65536' };
  const { config, warnings } = agentRead(env);
  assert.equal(config.TRACE_STORE_MAX_TRACES, 2000);
  assert.equal(config.TRACE_STORE_MAX_BYTES, 65536, 'the other variables keep their values');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /^TRACE_STORE_MAX_TRACES="lots" ignored \(.+\); using the default 2000$/);
  assert.equal(agentRead(env).warnings.length, 0, 'read once: the same values are not warned about again');
  const later: string[] = [];
  assert.equal(loadConfig(env, (m) => later.push(m)).TRACE_STORE_MAX_TRACES, 2000, 'the server does not refuse to start on it');
  assert.deepEqual(later, []);
});

test('TRACE_SLOW_MS: a number of ms or p95 (any case); anything else warns and is 500', () => {
  assert.equal(agentRead({ TRACE_SLOW_MS: '250' }).config.TRACE_SLOW_MS, 250);
  assert.equal(agentRead({ TRACE_SLOW_MS: 'P95' }).config.TRACE_SLOW_MS, 'p95');
  for (const bad of ['slow', '-1', 'p99']) {
    const { config, warnings } = agentRead({ TRACE_SLOW_MS: bad });
    assert.equal(config.TRACE_SLOW_MS, 500, bad);
    assert.match(warnings.join('\n'), new RegExp(`^TRACE_SLOW_MS="${bad}" ignored .*; using the default 500$`));
  }
});

test('the other agent variables: a bad value costs that value only', () => {
  const { config, warnings } = agentRead({ OTEL_EXPORTER_PROMETHEUS_PORT: '70000', FORESIGHT_TRACE_STORE: 'maybe', FORESIGHT_DRAIN_TIMEOUT_MS: '-5', OTEL_SDK_DISABLED: 'yes' });
  assert.equal(config.OTEL_EXPORTER_PROMETHEUS_PORT, 9464);
  assert.equal(config.FORESIGHT_TRACE_STORE, true);
  assert.equal(config.FORESIGHT_DRAIN_TIMEOUT_MS, 10000);
  assert.equal(config.OTEL_SDK_DISABLED, false);
  assert.deepEqual(warnings.map((w) => w.split('=')[0]).sort(), ['FORESIGHT_DRAIN_TIMEOUT_MS', 'FORESIGHT_TRACE_STORE', 'OTEL_EXPORTER_PROMETHEUS_PORT', 'OTEL_SDK_DISABLED']);
  assert.equal(agentRead({ FORESIGHT_TRACE_STORE: 'Off' }).config.FORESIGHT_TRACE_STORE, false);
});

test('the standard OTEL_* variables the agent reads are parsed here too: a bad one warns and its default is used', () => {
  const { config, warnings } = agentRead({
    OTEL_TRACES_SAMPLER: 'sometimes',
    OTEL_TRACES_SAMPLER_ARG: '2',
    OTEL_EXPORTER_OTLP_PROTOCOL: ' GRPC ',
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'carrier-pigeon',
    OTEL_TRACES_EXPORTER: 'otlp, console,',
    OTEL_LOG_LEVEL: 'loud',
    OTEL_METRIC_EXPORT_INTERVAL: '5000',
  });
  assert.equal(config.OTEL_TRACES_SAMPLER, undefined, 'the default sampler');
  assert.equal(config.OTEL_TRACES_SAMPLER_ARG, 1);
  assert.equal(config.OTEL_EXPORTER_OTLP_PROTOCOL, 'grpc');
  assert.equal(config.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, undefined, 'falls back to the general protocol');
  assert.deepEqual(config.OTEL_TRACES_EXPORTER, ['otlp', 'console']);
  assert.equal(config.OTEL_LOG_LEVEL, 'warn');
  assert.equal(config.OTEL_METRIC_EXPORT_INTERVAL, 5000);
  assert.deepEqual(config.OTEL_PROPAGATORS, ['tracecontext', 'baggage']);
  assert.deepEqual(warnings.map((w) => w.split('=')[0]).sort(), ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_LOG_LEVEL', 'OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG']);
});

test('OTLP headers: key=value pairs percent-decoded; a malformed list warns without showing its values', () => {
  const { config, warnings } = agentRead({
    OTEL_EXPORTER_OTLP_HEADERS: ' authorization = Bearer%20s3cret , x-team=obs,',
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'no-equals-sign-s3cret',
    OTEL_EXPORTER_OTLP_TIMEOUT: 'soon',
    OTEL_EXPORTER_OTLP_LOGS_COMPRESSION: 'zstd',
  });
  assert.deepEqual(config.OTEL_EXPORTER_OTLP_HEADERS, { authorization: 'Bearer s3cret', 'x-team': 'obs' });
  assert.equal(config.OTEL_EXPORTER_OTLP_TRACES_HEADERS, undefined);
  assert.equal(config.OTEL_EXPORTER_OTLP_TIMEOUT, 10000);
  assert.equal(config.OTEL_EXPORTER_OTLP_LOGS_COMPRESSION, undefined);
  assert.deepEqual(warnings.map((w) => w.split('=')[0]).sort(), ['OTEL_EXPORTER_OTLP_LOGS_COMPRESSION', 'OTEL_EXPORTER_OTLP_TIMEOUT', 'OTEL_EXPORTER_OTLP_TRACES_HEADERS']);
  assert.ok(!warnings.join('\n').includes('s3cret'), warnings.join('\n'));
  const rows = effectiveConfig({ OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20s3cret' });
  assert.equal(rows.find((r) => r.variable === 'OTEL_EXPORTER_OTLP_HEADERS')!.value, '****');
});

test('the service variables stay strict: Config refuses a bad one, naming it', () => {
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT/);
  assert.throws(() => loadConfig({ BATCH_ENABLED: 'yes' }), /BATCH_ENABLED/);
  assert.equal(loadConfig({ BATCH_ENABLED: 'FALSE' }).BATCH_ENABLED, false, 'booleans read alike everywhere');
});

test('one schema: the agent\'s variables are in it, each with a meaning', () => {
  for (const name of ['OTEL_SDK_DISABLED', 'FORESIGHT_TRACE_STORE', 'TRACE_STORE_MAX_TRACES', 'TRACE_STORE_MAX_BYTES', 'TRACE_SLOW_MS', 'FORESIGHT_DRAIN_TIMEOUT_MS']) {
    const field = envSchema.shape[name as keyof typeof envSchema.shape];
    assert.ok(field?.description, name);
  }
});

test('effective values: source environment or default, secrets and URL passwords masked, refusals marked', () => {
  const rows = effectiveConfig({
    PORT: '9999',
    ADMIN_TOKEN: 'tok-123',
    DATABASE_URL: 'postgres://app:pw-456@db:5432/app?password=pw-789',
    TRACE_STORE_MAX_TRACES: 'lots',
    BATCH_MAX_SIZE: 'big',
  });
  const row = (name: string) => rows.find((r) => r.variable === name)!;
  assert.equal(rows.length, Object.keys(envSchema.shape).length);
  assert.deepEqual(row('PORT'), { variable: 'PORT', value: '9999', source: 'environment' });
  assert.deepEqual(row('HOST'), { variable: 'HOST', value: '0.0.0.0', source: 'default' });
  assert.equal(row('ADMIN_TOKEN').value, '****');
  assert.equal(row('DATABASE_URL').value, 'postgres://app:****@db:5432/app?password=****');
  assert.equal(row('REDIS_URL').value, '(unset)');
  assert.equal(row('TRACE_STORE_MAX_TRACES').source, 'default');
  assert.match(row('TRACE_STORE_MAX_TRACES').problem!, /TRACE_STORE_MAX_TRACES="lots" ignored/);
  assert.equal(row('BATCH_MAX_SIZE').refused, true);
  assert.doesNotMatch(JSON.stringify(rows), /tok-123|pw-456|pw-789/);
  assert.equal(maskUrls('shop=http://u:p@h:1/metrics,http://h2/m?token=t'), 'shop=http://u:****@h:1/metrics,http://h2/m?token=****');
});
