// Batcher behaviour: size and time cuts, the concurrency bound, a full queue, disabled mode,
// runtime configure, error propagation, statistics, and close.
import assert from 'node:assert/strict';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { test } from 'vitest';
import { Batcher, BatchQueueFullError, BatchResultMismatchError, BatcherClosedError } from '../../src/batch/index.js';

/**
 * A process function that records its batches and doubles each item, after `wait`: a delay in
 * ms, or a promise the test resolves to let the batches finish.
 */
function recorder(wait: number | Promise<void> = 0) {
  const batches: number[][] = [];
  let running = 0;
  let maxRunning = 0;
  const process = async (items: number[]) => {
    batches.push(items);
    running++;
    maxRunning = Math.max(maxRunning, running);
    if (typeof wait !== 'number') await wait;
    else if (wait > 0) await sleep(wait);
    running--;
    return items.map((i) => i * 2);
  };
  return { process, batches, maxRunning: () => maxRunning };
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

test('a batch is cut as soon as maxBatchSize items are queued', async () => {
  const r = recorder();
  const b = new Batcher(r.process, { maxBatchSize: 4, maxWaitMs: 10_000 });
  const results = range(8).map((i) => b.submit(i));
  // One turn of the event loop, however slow the machine, is far too soon for the 10 s timer.
  await nextTurn();
  assert.deepEqual(r.batches, [[0, 1, 2, 3], [4, 5, 6, 7]], 'cut by size, without waiting for maxWaitMs');
  assert.deepEqual(await Promise.all(results), range(8).map((i) => i * 2));
  await b.close();
});

test('a partial batch is cut when its first item has waited maxWaitMs, whatever arrives after it', async () => {
  const r = recorder();
  const b = new Batcher(r.process, { maxBatchSize: 100, maxWaitMs: 100 });
  const first = b.submit(1);
  // Node runs due timers in the order of their due times, however late its loop is. This probe
  // is due 25 ms after the first item's deadline: after a cut timed from the first item, before
  // one restarted by the second (submitted 50 ms in, so due 150 ms in or later).
  const batchesAtProbe = new Promise<number>((resolve) => setTimeout(() => resolve(r.batches.length), 125));
  await sleep(50);
  const second = b.submit(2);
  assert.equal(r.batches.length, 0, 'nothing cut before maxWaitMs');
  assert.equal(await batchesAtProbe, 1, "cut on the first item's deadline, not restarted by the second");
  assert.deepEqual(await Promise.all([first, second]), [2, 4]);
  assert.deepEqual(r.batches, [[1, 2]]);
  const s = b.stats();
  assert.ok(s.max_wait_ms >= 99, `first item waited ${s.max_wait_ms} ms`);
  assert.ok(s.average_wait_ms < s.max_wait_ms, 'the second item waited less');
  await b.close();
});

test('maxWaitMs 0 still groups the items submitted in one tick', async () => {
  const r = recorder();
  const b = new Batcher(r.process, { maxBatchSize: 100, maxWaitMs: 0 });
  await Promise.all(range(5).map((i) => b.submit(i)));
  assert.deepEqual(r.batches, [range(5)]);
});

test('at most maxConcurrentBatches run at once; the rest stay queued', async () => {
  let release!: () => void;
  const r = recorder(new Promise<void>((resolve) => (release = resolve)));
  const b = new Batcher(r.process, { maxBatchSize: 2, maxWaitMs: 1, maxConcurrentBatches: 2 });
  const all = Promise.all(range(10).map((i) => b.submit(i)));
  // The two running batches are held until release(), so a slower machine only makes this
  // stronger: the queued items are long past their 1 ms maxWaitMs and still wait for a slot.
  await sleep(20);
  const during = b.stats();
  assert.equal(during.in_flight, 2);
  assert.equal(during.queue_size, 6);
  assert.deepEqual(r.batches, [[0, 1], [2, 3]]);
  release();
  assert.deepEqual(await all, range(10).map((i) => i * 2));
  assert.equal(r.maxRunning(), 2);
  assert.equal(r.batches.length, 5);
  assert.deepEqual(r.batches.flat(), range(10), 'FIFO order');
});

test('a full queue refuses with BatchQueueFullError carrying Retry-After', async () => {
  const r = recorder(50);
  const b = new Batcher(r.process, { maxBatchSize: 2, maxWaitMs: 1, maxConcurrentBatches: 1, maxQueue: 3 });
  const accepted = [b.submit(1), b.submit(2)]; // cut at once, in flight
  const queued = [b.submit(3), b.submit(4), b.submit(5)];
  const refused = b.submit(6);
  await assert.rejects(refused, (err: unknown) => {
    assert.ok(err instanceof BatchQueueFullError);
    assert.equal(err.code, 'BATCH_QUEUE_FULL');
    assert.equal(err.queueSize, 3);
    assert.ok(Number.isInteger(err.retryAfterSeconds) && err.retryAfterSeconds >= 1);
    return true;
  });
  assert.deepEqual(await Promise.all([...accepted, ...queued]), [2, 4, 6, 8, 10]);
  assert.equal(b.stats().rejected, 1);
  assert.equal(await b.submit(7), 14, 'room again once drained');
});

test('disabled: each item is processed alone and at once, and still counted', async () => {
  const r = recorder();
  const b = new Batcher(r.process, { enabled: false, maxWaitMs: 10_000 });
  assert.deepEqual(await Promise.all(range(3).map((i) => b.submit(i))), [0, 2, 4]);
  assert.deepEqual(r.batches, [[0], [1], [2]]);
  const s = b.stats();
  assert.equal(s.total_batches, 3);
  assert.equal(s.average_batch_size, 1);
  assert.equal(s.enabled, false);
});

test('configure at runtime: a smaller size cuts what is queued; disabling flushes', async () => {
  const r = recorder();
  const b = new Batcher(r.process, { maxBatchSize: 100, maxWaitMs: 10_000 });
  const firstFour = range(4).map((i) => b.submit(i));
  await sleep(5);
  assert.equal(b.stats().queue_size, 4);
  b.configure({ maxBatchSize: 2 });
  assert.deepEqual(await Promise.all(firstFour), [0, 2, 4, 6]);
  assert.deepEqual(r.batches, [[0, 1], [2, 3]]);

  const pending = b.submit(9);
  await sleep(5);
  assert.equal(b.stats().queue_size, 1);
  assert.equal(b.configure({ enabled: false }).enabled, false);
  assert.equal(await pending, 18);
  assert.deepEqual(await b.submit(10), 20);
  assert.deepEqual(r.batches.slice(2), [[9], [10]]);
});

test('a process error rejects every item of that batch; the batcher keeps working', async () => {
  let fail = true;
  const b = new Batcher(
    async (items: number[]) => {
      if (fail) throw new Error('model exploded');
      return items;
    },
    { maxBatchSize: 3, maxWaitMs: 1 },
  );
  const settled = await Promise.allSettled(range(3).map((i) => b.submit(i)));
  for (const s of settled) assert.equal(s.status === 'rejected' && (s.reason as Error).message, 'model exploded');
  fail = false;
  assert.equal(await b.submit(5), 5);
  assert.equal(b.stats().errors, 1);
});

test('a synchronous throw and a result length mismatch are batch errors too', async () => {
  const throwing = new Batcher<number, number>(() => {
    throw new Error('sync');
  });
  await assert.rejects(throwing.submit(1), /sync/);
  const short = new Batcher((items: number[]) => items.slice(1), { maxBatchSize: 2 });
  const settled = await Promise.allSettled([short.submit(1), short.submit(2)]);
  for (const s of settled) {
    assert.equal(s.status, 'rejected');
    assert.ok(s.status === 'rejected' && s.reason instanceof BatchResultMismatchError);
    assert.match((s.reason as Error).message, /returned 1 results for 2 items/);
  }
});

test('stats: totals, average size, efficiency, waits', async () => {
  const r = recorder();
  const b = new Batcher(r.process, { maxBatchSize: 4, maxWaitMs: 5 });
  await Promise.all(range(4).map((i) => b.submit(i))); // one full batch
  await Promise.all(range(2).map((i) => b.submit(i))); // one half batch, cut by time
  const s = b.stats();
  assert.equal(s.total_batches, 2);
  assert.equal(s.total_items, 6);
  assert.equal(s.average_batch_size, 3);
  assert.equal(s.efficiency, 75);
  assert.ok(s.max_wait_ms >= 4, `max wait ${s.max_wait_ms}`);
  assert.ok(s.average_wait_ms > 0 && s.average_wait_ms <= s.max_wait_ms);
  assert.equal(s.queue_size, 0);
  assert.equal(s.in_flight, 0);
  assert.equal(s.rejected, 0);
  assert.equal(s.errors, 0);
  assert.equal(s.enabled, true);
  assert.deepEqual(Object.keys(s).sort(), [
    'average_batch_size', 'average_wait_ms', 'efficiency', 'enabled', 'errors', 'in_flight',
    'max_wait_ms', 'queue_size', 'rejected', 'total_batches', 'total_items',
  ]);
});

test('close flushes queued items without waiting, finishes in-flight batches, then refuses', async () => {
  const maxWaitMs = 60_000;
  const r = recorder(20);
  const b = new Batcher(r.process, { maxBatchSize: 3, maxWaitMs, maxConcurrentBatches: 1 });
  const results = range(7).map((i) => b.submit(i));
  const started = performance.now();
  await b.close();
  // Three 20 ms batches one after another; waiting for the last item's maxWaitMs would take 60 s.
  const closeMs = performance.now() - started;
  assert.ok(closeMs < maxWaitMs / 2, `close took ${Math.round(closeMs)} ms: it did not wait for maxWaitMs`);
  assert.deepEqual(await Promise.all(results), range(7).map((i) => i * 2));
  assert.deepEqual(r.batches, [[0, 1, 2], [3, 4, 5], [6]]);
  const s = b.stats();
  assert.equal(s.queue_size + s.in_flight, 0);
  await assert.rejects(b.submit(1), BatcherClosedError);
});
