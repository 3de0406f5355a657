// Option resolution (each rule its own test), the environment sampler, the gate that keeps
// spans unrecorded while no processor listens, and OTEL_SDK_DISABLED.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'vitest';
import { ROOT_CONTEXT, SpanKind, trace, TraceFlags } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { resolveTelemetryOptions, startTelemetry } from '../../src/telemetry/index.js';
import { exporterNames, exporterPackage, otlpProtocol } from '../../src/telemetry/export/index.js';
import { redactQuery, splitTarget } from '../../src/telemetry/http-server/redact.js';
import { modulePresence, presentInstrumentations, resolutionRoots } from '../../src/telemetry/instrumentations/index.js';
import { GatedSampler, HEAD_SAMPLED, RateLimitedSampler, samplerFromEnv, samplingFromEnv } from '../../src/telemetry/sampler.js';

test('defaults: port 9464 on 0.0.0.0, service named after the app package, the web set of instrumentations', () => {
  // The process's entry script is vitest's worker (package: vitest); an app's entry is a file of
  // its own package, as this test file is of foresight.
  const runnerEntry = process.argv[1]!;
  process.argv[1] = fileURLToPath(import.meta.url);
  let o: ReturnType<typeof resolveTelemetryOptions>;
  try {
    o = resolveTelemetryOptions({ env: {} });
  } finally {
    process.argv[1] = runnerEntry;
  }
  assert.equal(o.metricsPort, 9464);
  assert.equal(o.metricsHost, '0.0.0.0');
  assert.equal(o.serviceName, 'foresight', 'the nearest package.json of the entry script (this repository)');
  assert.equal(o.disabled, false);
  for (const on of ['http', 'fastify', 'koa', 'hono', 'nestjs-core', 'pg', 'ioredis', 'pino', 'mongodb', 'graphql']) assert.ok(o.instrumentations.includes(on), on);
  for (const off of ['fs', 'dns', 'net', 'host-metrics', 'aws-lambda', 'express', 'router']) assert.ok(!o.instrumentations.includes(off), off);
  assert.deepEqual(o.ignoredPaths, ['/healthz', '/readyz', '/metrics']);
});

test('service name: OTEL_SERVICE_NAME, then service.name in OTEL_RESOURCE_ATTRIBUTES, then the package', () => {
  assert.equal(resolveTelemetryOptions({ env: { OTEL_SERVICE_NAME: 'shop', OTEL_RESOURCE_ATTRIBUTES: 'service.name=x' } }).serviceName, 'shop');
  assert.equal(resolveTelemetryOptions({ env: { OTEL_RESOURCE_ATTRIBUTES: 'a=b,service.name=billing%20api' } }).serviceName, 'billing api');
});

test('OTEL_SDK_DISABLED accepts true and 1', () => {
  assert.equal(resolveTelemetryOptions({ env: { OTEL_SDK_DISABLED: '1' } }).disabled, true);
  assert.equal(resolveTelemetryOptions({ env: { OTEL_SDK_DISABLED: 'TRUE' } }).disabled, true);
  assert.equal(resolveTelemetryOptions({ env: { OTEL_SDK_DISABLED: 'no' } }).disabled, false);
});

test('an invalid OTEL_EXPORTER_PROMETHEUS_PORT costs its value only: the default port, with a warning naming it (config-agent.test.ts)', () => {
  assert.equal(resolveTelemetryOptions({ env: { OTEL_EXPORTER_PROMETHEUS_PORT: 'abc' } }).metricsPort, 9464);
  assert.equal(resolveTelemetryOptions({ env: { OTEL_EXPORTER_PROMETHEUS_PORT: '70000' } }).metricsPort, 9464);
  assert.equal(resolveTelemetryOptions({ env: { OTEL_EXPORTER_PROMETHEUS_PORT: '9470' } }).metricsPort, 9470);
});

test('an invalid metricsPort option is rejected', () => {
  assert.throws(() => resolveTelemetryOptions({ env: {}, metricsPort: -1 }), /metricsPort must be an integer in 0\.\.65535, got -1/);
});

test('OTEL_NODE_ENABLED/DISABLED_INSTRUMENTATIONS select by upstream name; unknown names are ignored', () => {
  const env = { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,undici,express,nosuch', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'undici' };
  assert.deepEqual(resolveTelemetryOptions({ env }).instrumentations, ['http', 'express']);
  assert.deepEqual(resolveTelemetryOptions({ env: { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'fs,dns' } }).instrumentations, ['fs', 'dns']);
  const without = resolveTelemetryOptions({ env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pino, pg' } }).instrumentations;
  assert.ok(!without.includes('pino') && !without.includes('pg') && without.includes('http'));
});

test('only instrumentations whose modules the app has installed are loaded', () => {
  const present = (m: string) => m === 'express' || m === '@redis/client';
  assert.deepEqual(presentInstrumentations(['http', 'express', 'koa', 'redis', 'runtime-node'], present), ['http', 'express', 'redis', 'runtime-node']);
  const roots = resolutionRoots('/srv/app/src/main.js', '/srv/app');
  assert.deepEqual(roots.slice(0, 3), ['/srv/app/src', '/srv/app', '/srv']);
  assert.equal(new Set(roots).size, roots.length, 'no folder twice');
  const inRepo = modulePresence(resolutionRoots(undefined, process.cwd()));
  assert.equal(inRepo('pg'), true);
  assert.equal(inRepo('no-such-module-here'), false);
});

test('OTLP protocol: per-signal variable, then the general one, then http/protobuf; each has its package', () => {
  assert.equal(otlpProtocol({}, 'traces'), 'http/protobuf');
  assert.equal(otlpProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }, 'logs'), 'grpc');
  assert.equal(otlpProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' }, 'traces'), 'http/json');
  assert.equal(otlpProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: 'carrier-pigeon' }, 'traces'), 'http/protobuf');
  assert.equal(exporterPackage('traces', 'http/protobuf'), '@opentelemetry/exporter-trace-otlp-proto');
  assert.equal(exporterPackage('metrics', 'grpc'), '@opentelemetry/exporter-metrics-otlp-grpc');
  assert.equal(exporterPackage('logs', 'http/json'), '@opentelemetry/exporter-logs-otlp-http');
  assert.deepEqual(exporterNames({ OTEL_TRACES_EXPORTER: 'otlp, Console' }, 'traces', ['none']), ['otlp', 'console']);
});

test('query strings reach spans with their values redacted', () => {
  assert.equal(redactQuery('a=1&token=secret&flag'), 'a=REDACTED&token=REDACTED&flag');
  assert.deepEqual(splitTarget('/x?y=1'), { path: '/x', query: 'y=1' });
});

test('samplerFromEnv follows OTEL_TRACES_SAMPLER and its argument', () => {
  const decide = (env: NodeJS.ProcessEnv) =>
    samplerFromEnv(env).shouldSample(ROOT_CONTEXT, '0af7651916cd43dd8448eb211c80319c', 's', SpanKind.SERVER, {}, []).decision;
  assert.equal(decide({}), SamplingDecision.RECORD_AND_SAMPLED);
  assert.equal(decide({ OTEL_TRACES_SAMPLER: 'always_off' }), SamplingDecision.NOT_RECORD);
  assert.equal(decide({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0' }), SamplingDecision.NOT_RECORD);
  assert.equal(decide({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '1' }), SamplingDecision.RECORD_AND_SAMPLED);
  assert.match(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).toString(), /0\.25/);
});

test('the gated sampler records nothing while closed and delegates when open', () => {
  let open = false;
  const gated = new GatedSampler(samplerFromEnv({}), () => open);
  const decide = () => gated.shouldSample(ROOT_CONTEXT, '0af7651916cd43dd8448eb211c80319c', 's', SpanKind.SERVER, {}, []).decision;
  assert.equal(decide(), SamplingDecision.NOT_RECORD);
  open = true;
  assert.equal(decide(), SamplingDecision.RECORD_AND_SAMPLED);
});

test('the head decision from the parent alone agrees with the sampler, and is absent where the trace id decides', () => {
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  const parent = (flags: number) => trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId: 'b7ad6b7169203331', traceFlags: flags, isRemote: true });
  for (const name of [undefined, 'always_on', 'always_off', 'parentbased_always_on', 'parentbased_always_off']) {
    for (const ctx of [ROOT_CONTEXT, parent(TraceFlags.SAMPLED), parent(TraceFlags.NONE)]) {
      const env = name ? { OTEL_TRACES_SAMPLER: name } : {};
      const { decideRequest } = samplingFromEnv(env);
      const sampled = samplerFromEnv(env).shouldSample(ctx, traceId, 's', SpanKind.SERVER, {}, []).decision === SamplingDecision.RECORD_AND_SAMPLED;
      assert.equal(decideRequest?.(ctx), sampled, `${name ?? 'default'}, parent ${trace.getSpanContext(ctx)?.traceFlags ?? 'none'}`);
    }
  }
  assert.equal(samplingFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.5' }).decideRequest, undefined);
  assert.equal(samplingFromEnv({ OTEL_TRACES_SAMPLER: 'parentbased_traceidratio' }).decideRequest, undefined);
});

test('a span decided ahead is sampled without asking the inner sampler again, unless the gate is closed', () => {
  let open = true;
  const { sampler, decideRequest } = samplingFromEnv({ FORESIGHT_TRACES_PER_SECOND: '1' });
  const gated = new GatedSampler(sampler, () => open);
  const decide = (ctx: typeof ROOT_CONTEXT) => gated.shouldSample(ctx, '0af7651916cd43dd8448eb211c80319c', 's', SpanKind.SERVER, {}, []).decision;
  assert.equal(decideRequest!(ROOT_CONTEXT), true, 'the one token of the second');
  const decided = ROOT_CONTEXT.setValue(HEAD_SAMPLED, true);
  assert.equal(decide(decided), SamplingDecision.RECORD_AND_SAMPLED, 'no second token needed');
  assert.equal(decide(ROOT_CONTEXT), SamplingDecision.NOT_RECORD, 'the bucket is empty');
  open = false;
  assert.equal(decide(decided), SamplingDecision.NOT_RECORD);
});

test('OTEL_SDK_DISABLED=true returns a no-op telemetry without starting anything', async () => {
  const t0 = performance.now();
  const t = await startTelemetry({ env: { OTEL_SDK_DISABLED: 'true' } });
  assert.equal(t.enabled, false);
  assert.equal(t.metricsPort, undefined);
  assert.equal(typeof t.addSpanProcessor, 'undefined');
  await t.shutdown();
  assert.ok(performance.now() - t0 < 50);
});

test('a second start while one runs is refused; after shutdown it works again', async () => {
  const first = await startTelemetry({ env: {}, instrumentations: [], serveMetrics: false });
  await assert.rejects(startTelemetry({ env: {}, instrumentations: [], serveMetrics: false }), /already started/);
  await first.shutdown();
  const second = await startTelemetry({ env: {}, instrumentations: [], serveMetrics: false });
  await second.shutdown();
});

test('a taken telemetry port costs the port only: telemetry starts, spans record', async () => {
  const net = await import('node:net');
  const taken = net.createServer().listen(0, '127.0.0.1');
  await new Promise((r) => taken.once('listening', r));
  const port = (taken.address() as { port: number }).port;
  const t = await startTelemetry({ env: {}, instrumentations: [], metricsPort: port, metricsHost: '127.0.0.1' });
  assert.equal(t.enabled, true);
  assert.equal(t.metricsPort, undefined, 'no port served');
  assert.equal(typeof t.addSpanProcessor, 'function', 'tracing still works');
  await t.shutdown();
  taken.close();
});

test('the default sampler starts at most FORESIGHT_TRACES_PER_SECOND new traces a second', async () => {
  const sampler = samplerFromEnv({ FORESIGHT_TRACES_PER_SECOND: '5' });
  const decide = () => sampler.shouldSample(ROOT_CONTEXT, '0af7651916cd43dd8448eb211c80319c', 's', SpanKind.SERVER, {}, []).decision;
  const first = Array.from({ length: 8 }, decide).filter((d) => d === SamplingDecision.RECORD_AND_SAMPLED).length;
  const spent = performance.now();
  assert.equal(first, 5, 'a burst takes one second of budget');
  await new Promise((r) => setTimeout(r, 450));
  // The refill is judged by the time that really passed, which a loaded machine stretches.
  const waitedMs = performance.now() - spent;
  const refilled = Array.from({ length: 8 }, decide).filter((d) => d === SamplingDecision.RECORD_AND_SAMPLED).length;
  const atRate = Math.min(5, Math.floor((waitedMs * 5) / 1000));
  assert.ok(refilled >= atRate && refilled <= atRate + 1, `refills at the rate (${refilled} after ${Math.round(waitedMs)} ms)`);
  assert.throws(() => new RateLimitedSampler(-1), /perSecond must be a number >= 0, got -1/);
});
