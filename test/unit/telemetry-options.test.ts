// Option resolution (each rule its own test), the environment sampler, the gate that keeps
// spans unrecorded while no processor listens, and OTEL_SDK_DISABLED.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { resolveTelemetryOptions, startTelemetry } from '../../src/telemetry/index.js';
import { ignoreIncoming } from '../../src/telemetry/instrumentations.js';
import { GatedSampler, samplerFromEnv } from '../../src/telemetry/sampler.js';
import type { IncomingMessage } from 'node:http';

test('defaults: port 9464 on 0.0.0.0, service foresight, no OTLP, five instrumentations', () => {
  const o = resolveTelemetryOptions({ env: {} });
  assert.equal(o.metricsPort, 9464);
  assert.equal(o.metricsHost, '0.0.0.0');
  assert.equal(o.serviceName, 'foresight');
  assert.equal(o.otlpTraces, false);
  assert.equal(o.disabled, false);
  assert.deepEqual(o.instrumentations, ['http', 'pg', 'ioredis', 'pino', 'runtime-node']);
  assert.deepEqual(o.ignoredPaths, ['/healthz', '/readyz', '/metrics']);
});

test('OTLP traces are on when either endpoint variable is set, off with OTEL_TRACES_EXPORTER=none', () => {
  assert.equal(resolveTelemetryOptions({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' } }).otlpTraces, true);
  assert.equal(resolveTelemetryOptions({ env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/v1/traces' } }).otlpTraces, true);
  const none = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_TRACES_EXPORTER: 'none' };
  assert.equal(resolveTelemetryOptions({ env: none }).otlpTraces, false);
});

test('an invalid OTEL_EXPORTER_PROMETHEUS_PORT is rejected with its value', () => {
  assert.throws(() => resolveTelemetryOptions({ env: { OTEL_EXPORTER_PROMETHEUS_PORT: 'abc' } }), /OTEL_EXPORTER_PROMETHEUS_PORT .* "abc"/);
  assert.throws(() => resolveTelemetryOptions({ env: { OTEL_EXPORTER_PROMETHEUS_PORT: '70000' } }), /0\.\.65535/);
});

test('an invalid metricsPort option is rejected', () => {
  assert.throws(() => resolveTelemetryOptions({ env: {}, metricsPort: -1 }), /metricsPort must be an integer in 0\.\.65535, got -1/);
});

test('OTEL_NODE_ENABLED/DISABLED_INSTRUMENTATIONS select instrumentations; unknown names are ignored', () => {
  const env = { OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http,undici,express', OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'undici' };
  assert.deepEqual(resolveTelemetryOptions({ env }).instrumentations, ['http']);
  assert.deepEqual(
    resolveTelemetryOptions({ env: { OTEL_NODE_DISABLED_INSTRUMENTATIONS: 'pino, pg' } }).instrumentations,
    ['http', 'ioredis', 'runtime-node'],
  );
});

test('the ignore hook matches paths with or without a query string', () => {
  const ignore = ignoreIncoming(['/healthz', '/metrics']);
  const req = (url: string) => ({ url }) as IncomingMessage;
  assert.equal(ignore(req('/healthz')), true);
  assert.equal(ignore(req('/metrics?x=1')), true);
  assert.equal(ignore(req('/healthzz')), false);
  assert.equal(ignore(req('/api/v1/cities')), false);
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

test('OTEL_SDK_DISABLED=true returns a no-op telemetry without starting anything', async () => {
  const t0 = performance.now();
  const t = await startTelemetry({ env: { OTEL_SDK_DISABLED: 'true' } });
  assert.equal(t.enabled, false);
  assert.equal(t.metricsPort, undefined);
  assert.equal(t.addSpanProcessor, undefined);
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

test('a taken metrics port rejects the start and leaves nothing half-started', async () => {
  const blocker = await startTelemetry({ env: {}, instrumentations: [], metricsPort: 0, metricsHost: '127.0.0.1' });
  const port = blocker.metricsPort!;
  await blocker.shutdown();
  const net = await import('node:net');
  const taken = net.createServer().listen(port, '127.0.0.1');
  await new Promise((r) => taken.once('listening', r));
  await assert.rejects(startTelemetry({ env: {}, instrumentations: [], metricsPort: port, metricsHost: '127.0.0.1' }), /EADDRINUSE/);
  taken.close();
  const again = await startTelemetry({ env: {}, instrumentations: [], serveMetrics: false });
  await again.shutdown();
});
