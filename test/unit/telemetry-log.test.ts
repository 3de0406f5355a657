// Log correlation: a line written inside a span carries that span's trace_id and span_id.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { closeLogFile, createLogger } from '../../src/log/index.js';
import { startTelemetry, tracer, type Telemetry } from '../../src/telemetry/index.js';

let telemetry: Telemetry;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-log-'));

beforeAll(async () => {
  telemetry = await startTelemetry({
    env: {},
    instrumentations: [],
    serveMetrics: false,
    spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())],
  });
});
afterAll(async () => {
  await telemetry.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The lines of the logger's first file (`a.log` is written as `a.1.log`, see log-rotation.test.ts). */
async function linesOf(file: string, log: ReturnType<typeof createLogger>): Promise<Array<Record<string, unknown>>> {
  await closeLogFile(log);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('the logger mixin adds trace_id and span_id inside a span, and nothing outside', async () => {
  const file = path.join(dir, 'a.log');
  const log = createLogger({ file, level: 'info', service: 'test' });
  let ids: { traceId: string; spanId: string } | undefined;
  tracer().startActiveSpan('work', (span) => {
    ids = span.spanContext();
    log.info('inside');
    span.end();
  });
  log.info('outside');
  const lines = await linesOf(file.replace(/\.log$/, '.1.log'), log);
  const inside = lines.find((l) => l.message === 'inside')!;
  const outside = lines.find((l) => l.message === 'outside')!;
  assert.equal(inside.trace_id, ids!.traceId);
  assert.equal(inside.span_id, ids!.spanId);
  assert.match(String(inside.trace_id), /^[0-9a-f]{32}$/);
  assert.equal(outside.trace_id, undefined);
  assert.equal(outside.span_id, undefined);
});
