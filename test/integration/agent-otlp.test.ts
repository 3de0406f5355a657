// The agent's exporters against real receivers in the test: OTLP/HTTP protobuf by default,
// http/json and grpc when asked (OTEL_EXPORTER_OTLP_PROTOCOL), the app's pino lines as OTLP log
// records (OTEL_LOGS_EXPORTER=otlp), spans on stdout (OTEL_TRACES_EXPORTER=console); and no
// secret from a query string, cookie or authorization header in an exported or stored span.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { startOtlpGrpcReceiver } from '../helpers/otlp-grpc-receiver.js';
import { startOtlpReceiver, type OtlpReceiver } from '../helpers/otlp-receiver.js';
import { startAgentApp, type AgentApp, type StartOptions } from '../fixtures/agent-harness/index.js';
import { getJson, poll, serverSpan } from '../fixtures/agent-harness/reads.js';

const APP = 'express5-esm';
const opts = { timeout: 120_000 };

/** Runs the app with `options`, makes one GET /users/1, hands the app to `check`, then stops it. */
async function withApp(options: StartOptions, check: (app: AgentApp) => Promise<void>, path = '/users/1', headers = {}): Promise<void> {
  const app = await startAgentApp(APP, options);
  try {
    const res = await fetch(`${app.url}${path}`, { headers });
    assert.equal(res.status, 200, app.output());
    await check(app);
  } finally {
    await app.stop('SIGKILL');
  }
}

async function withReceiver(check: (receiver: OtlpReceiver) => Promise<void>): Promise<void> {
  const receiver = await startOtlpReceiver();
  try {
    await check(receiver);
  } finally {
    await receiver.close();
  }
}

test('by default spans go as OTLP/HTTP protobuf', opts, () =>
  withReceiver((receiver) =>
    withApp({ receiver }, async () => {
      const server = await serverSpan(receiver, '/users/1');
      assert.equal(server.name, 'GET /users/:id');
      assert.equal(server.resource['service.name'], 'fixture-express5-esm');
      const types = receiver.contentTypes.get('/v1/traces') ?? [];
      assert.ok(types.length > 0 && types.every((t) => t === 'application/x-protobuf'), `content types: ${types.join(', ')}`);
    }),
  ),
);

test('OTEL_EXPORTER_OTLP_PROTOCOL=http/json sends OTLP JSON', opts, () =>
  withReceiver((receiver) =>
    withApp({ receiver, env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' } }, async () => {
      assert.equal((await serverSpan(receiver, '/users/1')).attributes['http.route'], '/users/:id');
      const types = receiver.contentTypes.get('/v1/traces') ?? [];
      assert.ok(types.length > 0 && types.every((t) => t.startsWith('application/json')), `content types: ${types.join(', ')}`);
    }),
  ),
);

test('OTLP headers, timeout and compression from the schema: the signal\'s headers over the general ones, gzip bodies', opts, () =>
  withReceiver((receiver) =>
    withApp(
      {
        receiver,
        env: {
          OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=general, x-team=observability',
          OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-api-key=key%20for%20traces',
          OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'GZIP',
          OTEL_EXPORTER_OTLP_TIMEOUT: '5000',
        },
      },
      async () => {
        assert.equal((await serverSpan(receiver, '/users/1')).name, 'GET /users/:id', 'a gzip body decoded into the span');
        const sent = receiver.headers.get('/v1/traces') ?? [];
        assert.ok(sent.length > 0);
        for (const h of sent) {
          assert.equal(h['x-api-key'], 'key for traces', 'the traces header wins, percent-decoded');
          assert.equal(h['x-team'], 'observability', 'the general header is kept');
          assert.equal(h['content-encoding'], 'gzip');
        }
      },
    ),
  ),
);

test('OTEL_EXPORTER_OTLP_PROTOCOL=grpc reaches an OTLP/gRPC receiver', opts, async () => {
  const receiver = await startOtlpGrpcReceiver();
  try {
    await withApp({ receiver, env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } }, async () => {
      assert.equal((await serverSpan(receiver, '/users/1')).name, 'GET /users/:id');
      assert.ok((receiver.calls.get('/opentelemetry.proto.collector.trace.v1.TraceService/Export') ?? 0) >= 1);
    });
  } finally {
    await receiver.close();
  }
});

test("OTEL_LOGS_EXPORTER=otlp sends the app's pino lines as log records with their trace ids", opts, () =>
  withReceiver((receiver) =>
    withApp({ receiver, env: { OTEL_LOGS_EXPORTER: 'otlp' } }, async () => {
      const server = await serverSpan(receiver, '/users/1');
      const logs = await receiver.waitForLogs((all) => all.some((l) => l.traceId === server.traceId));
      const record = logs.find((l) => l.traceId === server.traceId)!;
      assert.equal(record.body, 'request');
      assert.match(record.spanId, /^[0-9a-f]{16}$/);
      assert.equal(record.resource['service.name'], 'fixture-express5-esm');
      assert.ok((receiver.contentTypes.get('/v1/logs') ?? []).every((t) => t === 'application/x-protobuf'));
    }),
  ),
);

test('OTEL_TRACES_EXPORTER=console prints the spans to stdout', opts, () =>
  withReceiver((receiver) =>
    withApp({ receiver, env: { OTEL_TRACES_EXPORTER: 'console' } }, async (app) => {
      const line = await poll('pino line', async () => app.logLines().find((l) => l.msg === 'request'));
      const traceId = String(line.trace_id);
      assert.match(traceId, /^[0-9a-f]{32}$/);
      await poll('the span on stdout', async () => (app.stdout().includes(`traceId: '${traceId}'`) ? true : undefined));
      assert.match(app.stdout(), /name: 'GET \/users\/:id'/);
      assert.equal(receiver.spans.length, 0, 'nothing sent over OTLP');
    }),
  ),
);

test('query strings, cookies and authorization reach no exported or stored span', opts, () =>
  withReceiver((receiver) =>
    withApp(
      { receiver },
      async (app) => {
        const server = await serverSpan(receiver, '/users/1');
        assert.match(String(server.attributes['url.query']), /^token=[^&]*&email=/, 'the keys stay');
        const exported = JSON.stringify(receiver.spans.filter((s) => s.traceId === server.traceId).map((s) => s.attributes));
        assert.doesNotMatch(exported, /s3cret/);
        const stored = await poll('stored trace', async () => {
          const { status, body } = await getJson(`${app.telemetryUrl}/api/v1/traces/${server.traceId}`);
          return status === 200 ? JSON.stringify(body) : undefined;
        });
        assert.doesNotMatch(stored, /s3cret/);
      },
      '/users/1?token=s3cret&email=s3cret%40example.com',
      { cookie: 'session=s3cret', authorization: 'Bearer s3cret' },
    ),
  ),
);
