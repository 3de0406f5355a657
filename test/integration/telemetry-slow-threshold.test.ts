// TRACE_SLOW_MS=p95 means one threshold to the agent's tail decision and to the trace store: with
// head sampling off, a request slower than the p95 of recent requests is kept by the agent and
// held as slow by the store, where a fixed 500 ms would have let it go.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, test } from 'vitest';
import { startAgent } from '../../src/agent/index.js';
import type { Telemetry } from '../../src/telemetry/index.js';
import { sharedTraceStore } from '../../src/traces/index.js';

const SLOW_MS = 400;
let telemetry: Telemetry | undefined;
let server: http.Server;
let base: string;

beforeAll(async () => {
  telemetry = await startAgent({
    TRACE_SLOW_MS: 'p95',
    OTEL_TRACES_SAMPLER: 'always_off',
    OTEL_NODE_ENABLED_INSTRUMENTATIONS: 'http',
    OTEL_EXPORTER_PROMETHEUS_PORT: '0',
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_TRACES_EXPORTER: 'none',
    OTEL_LOGS_EXPORTER: 'none',
  });
  server = http.createServer((req, res) => {
    if (req.url === '/slow') setTimeout(() => res.end('slow'), SLOW_MS);
    else res.end('fast');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await telemetry?.shutdown();
});

test('p95: the unsampled requests set the threshold; a request above it is kept by the agent and slow in the store', async () => {
  assert.equal(telemetry?.enabled, true);
  const store = sharedTraceStore();
  assert.equal(store.options.slowThresholdMs, 'p95');
  // 128 requests: the p95 is recomputed over them (the 122nd fastest), whatever a few slow ones on a busy machine took.
  for (let i = 0; i < 128; i++) await (await fetch(`${base}/fast`)).text();
  const threshold = store.stats().slowThresholdMs;
  assert.ok(threshold < SLOW_MS, `p95 of the fast requests, not the 500 ms default: ${threshold} ms`);
  await (await fetch(`${base}/slow`)).text();
  const [slowest] = store.list({ limit: 1 });
  assert.ok(slowest && slowest.durationMs >= SLOW_MS - 5, `the slow request is in the store: ${JSON.stringify(store.list({ limit: 3 }))}`);
  assert.equal(slowest.retained, 'slow', 'the store agrees with the agent that it is slow');
  const [root] = store.get(slowest.traceId)!.spans;
  assert.equal(root?.attributes['foresight.kept'], 'slow', 'kept by the tail decision, head sampling being off');
});
