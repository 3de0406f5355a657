// A request for an unknown city is the caller's mistake: the model.load span of a 404 is not
// marked failed, so the trace store does not keep the trace as an error trace; a load that
// really fails still is.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ModelCache, UnknownCityError, type ModelSource } from '../../src/prediction/index.js';
import { startTelemetry, tracer, type Telemetry } from '../../src/telemetry/index.js';

const spans = new InMemorySpanExporter();
let telemetry: Telemetry;

beforeAll(async () => {
  telemetry = await startTelemetry({ env: {}, instrumentations: [], serveMetrics: false, spanProcessors: [new SimpleSpanProcessor(spans)] });
});
afterAll(async () => telemetry.shutdown());

const source: ModelSource = {
  activeModel: async (slug) => {
    if (slug === 'broken') throw new Error('connection reset');
    return undefined;
  },
  getCity: async () => undefined,
  listCities: async () => [],
};

function inRequest<T>(fn: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan('GET /api/v1/forecast/:city/:date', async (span) => {
    try {
      return await fn();
    } finally {
      span.end();
    }
  });
}

test('an unknown city leaves model.load unmarked; a failing source marks it', async () => {
  const cache = new ModelCache(source);
  await assert.rejects(inRequest(() => cache.get('atlantis')), UnknownCityError);
  await assert.rejects(inRequest(() => cache.get('broken')), /connection reset/);
  const loads = spans.getFinishedSpans().filter((s) => s.name === 'model.load');
  assert.equal(loads.length, 2);
  const [unknown, broken] = loads;
  assert.equal(unknown!.status.code, SpanStatusCode.UNSET);
  assert.equal(unknown!.attributes['model.found'], false);
  assert.equal(broken!.status.code, SpanStatusCode.ERROR);
  assert.equal(cache.stats().load_errors, 1, 'only the real failure counts as a load error');
});
