// A full inference queue answers 503 with Retry-After instead of queueing without bound.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { RunningServer } from '../../src/server/index.js';
import { call, startInProcess } from '../helpers/in-process.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startInProcess({
    // Items wait up to 300 ms for a batch, so a burst piles up in a queue that holds 5.
    BATCH_MAX_QUEUE: '5',
    BATCH_MAX_SIZE: '50',
    BATCH_MAX_CONCURRENT: '1',
    BATCH_MAX_WAIT_TIME: '300',
  });
});
afterAll(async () => server?.close());

test('a burst beyond BATCH_MAX_QUEUE gets 503 BATCH_QUEUE_FULL with Retry-After; the rest succeed', async () => {
  const city = (await call(server.url, '/api/v1/cities')).body.data.cities[0].slug;
  const day = new Date().toISOString().slice(0, 10);
  // Distinct timestamps and temperatures: every request is a cache miss that must be inferred.
  const burst = Array.from({ length: 60 }, (_, i) =>
    call(server.url, '/api/v1/predict', { body: { city, timestamp: `${day}T10:${String(i % 60).padStart(2, '0')}:00Z`, temperature: i / 10 } }),
  );
  const results = await Promise.all(burst);
  const refused = results.filter((r) => r.status === 503);
  const served = results.filter((r) => r.status === 200);
  assert.ok(refused.length > 0, 'some requests must be refused');
  assert.ok(served.length > 0, 'some requests must be served');
  assert.equal(refused.length + served.length, results.length, 'only 200 and 503 are acceptable');
  for (const r of refused) {
    assert.equal(r.body.error.code, 'BATCH_QUEUE_FULL');
    assert.ok(Number(r.headers.get('retry-after')) >= 1);
  }
});
