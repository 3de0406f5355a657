// The test OTLP receivers against the real OpenTelemetry exporters, in-process: a parent and a
// child span and one log record go out as OTLP/HTTP protobuf, OTLP/HTTP JSON and OTLP/gRPC, and
// come back flattened the same way each time (ids as hex, attributes typed, parent links kept).
// The agent tests rely on these receivers, so they are proven here on their own.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as LogsGrpc } from '@opentelemetry/exporter-logs-otlp-grpc';
import { OTLPLogExporter as LogsJson } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as LogsProto } from '@opentelemetry/exporter-logs-otlp-proto';
import { OTLPTraceExporter as TracesGrpc } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as TracesJson } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as TracesProto } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { BasicTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanKindNumber } from '../helpers/otlp-data.js';
import { startOtlpGrpcReceiver } from '../helpers/otlp-grpc-receiver.js';
import { startOtlpReceiver } from '../helpers/otlp-receiver.js';
import type { OtlpSink } from '../helpers/otlp-sink.js';

const resource = resourceFromAttributes({ 'service.name': 'receiver-test' });

/** Sends a parent span, its child and a log record in the child through the given exporters. */
async function send(spans: SpanExporter, logs: LogRecordExporter) {
  const tracing = new BasicTracerProvider({ resource, spanProcessors: [new SimpleSpanProcessor(spans)] });
  const logging = new LoggerProvider({ resource, processors: [new SimpleLogRecordProcessor({ exporter: logs })] });
  const tracer = tracing.getTracer('receiver-test-scope');
  const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER, attributes: { s: 'x', i: 42, b: true, d: 1.5, a: ['p', 'q'] } });
  const child = tracer.startSpan('child', { kind: SpanKind.CLIENT }, trace.setSpan(ROOT_CONTEXT, parent));
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'broke' });
  logging.getLogger('receiver-test-logs').emit({
    body: 'hello',
    severityNumber: SeverityNumber.INFO,
    severityText: 'info',
    attributes: { path: '/x' },
    context: trace.setSpan(ROOT_CONTEXT, child),
  });
  child.end();
  parent.end();
  await Promise.all([tracing.shutdown(), logging.shutdown()]);
  return { parent: parent.spanContext(), child: child.spanContext() };
}

async function roundTrip(receiver: OtlpSink, spans: SpanExporter, logs: LogRecordExporter) {
  const sent = await send(spans, logs);
  const [received, records] = await Promise.all([receiver.waitFor((s) => s.length === 2), receiver.waitForLogs((l) => l.length === 1)]);
  const parent = received.find((s) => s.name === 'parent')!;
  const child = received.find((s) => s.name === 'child')!;
  assert.equal(parent.traceId, sent.parent.traceId);
  assert.equal(parent.spanId, sent.parent.spanId);
  assert.equal(parent.parentSpanId, '');
  assert.equal(parent.kind, SpanKindNumber.SERVER);
  assert.deepEqual(parent.attributes, { s: 'x', i: 42, b: true, d: 1.5, a: ['p', 'q'] });
  assert.equal(parent.resource['service.name'], 'receiver-test');
  assert.equal(parent.scope, 'receiver-test-scope');
  assert.ok(parent.endNs >= parent.startNs && parent.startNs > 1_600_000_000_000_000_000n, 'times in ns since the epoch');
  assert.equal(child.parentSpanId, sent.parent.spanId);
  assert.equal(child.kind, SpanKindNumber.CLIENT);
  assert.deepEqual(child.status, { code: 2, message: 'broke' });
  const [record] = records;
  assert.deepEqual(
    { ...record!, resource: record!.resource['service.name'] },
    {
      traceId: sent.child.traceId,
      spanId: sent.child.spanId,
      body: 'hello',
      severityText: 'info',
      severityNumber: SeverityNumber.INFO,
      attributes: { path: '/x' },
      resource: 'receiver-test',
      scope: 'receiver-test-logs',
    },
  );
}

test('the HTTP receiver decodes OTLP protobuf', async () => {
  const receiver = await startOtlpReceiver();
  try {
    await roundTrip(receiver, new TracesProto({ url: `${receiver.url}/v1/traces` }), new LogsProto({ url: `${receiver.url}/v1/logs` }));
    assert.deepEqual(receiver.contentTypes.get('/v1/traces'), ['application/x-protobuf', 'application/x-protobuf']);
  } finally {
    await receiver.close();
  }
});

test('the HTTP receiver decodes OTLP JSON', async () => {
  const receiver = await startOtlpReceiver();
  try {
    await roundTrip(receiver, new TracesJson({ url: `${receiver.url}/v1/traces` }), new LogsJson({ url: `${receiver.url}/v1/logs` }));
    assert.ok(receiver.contentTypes.get('/v1/traces')!.every((t) => t.startsWith('application/json')));
  } finally {
    await receiver.close();
  }
});

test('the gRPC receiver serves TraceService and LogsService Export', async () => {
  const receiver = await startOtlpGrpcReceiver();
  try {
    await roundTrip(receiver, new TracesGrpc({ url: receiver.url }), new LogsGrpc({ url: receiver.url }));
    assert.equal(receiver.calls.get('/opentelemetry.proto.collector.trace.v1.TraceService/Export'), 2);
    assert.equal(receiver.calls.get('/opentelemetry.proto.collector.logs.v1.LogsService/Export'), 1);
  } finally {
    await receiver.close();
  }
});
