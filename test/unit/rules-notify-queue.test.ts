// Delivery on real local HTTP receivers: retries with backoff until success, no retry of a
// payload the receiver rejects, a bounded queue, and a hanging receiver that delays neither
// evaluation nor another receiver.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, test } from 'vitest';
import v8 from 'node:v8';
import vm from 'node:vm';
import { NotifierQueue } from '../../src/rules/notify/queue.js';
import type { AlertNotification } from '../../src/rules/notify/types.js';
import { WebhookNotifier } from '../../src/rules/notify/webhook.js';
import { RulesService } from '../../src/rules/service.js';
import { alertRule, ruleSetOf, sample, ScriptedSource } from '../helpers/rules-engine.js';
import { waitFor } from '../helpers/wait-for.js';

const servers: http.Server[] = [];
afterAll(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

/**
 * A receiver answering with `status(n)` for its n-th request (1-based); null never answers.
 * `open()` counts the requests whose connection is still held open.
 */
async function receiver(status: (n: number) => number | null) {
  const bodies: unknown[] = [];
  const times: number[] = [];
  let open = 0;
  const server = http.createServer((req, res) => {
    open++;
    res.once('close', () => open--);
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      times.push(performance.now());
      const code = status(bodies.length);
      if (code !== null) res.writeHead(code).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, times, open: () => open };
}

const T0 = Date.parse('2025-01-20T10:00:00Z');
const note: AlertNotification = {
  id: '1', fingerprint: 'f', status: 'firing', labels: { alertname: 'X', severity: 'warning' }, annotations: {},
  startsAtMs: T0, validUntilMs: T0 + 1, generatorURL: 'http://g', value: 1,
};

test('a receiver failing twice then succeeding gets the batch on the third attempt, after growing delays', async () => {
  const rx = await receiver((n) => (n <= 2 ? 503 : 200));
  const queue = new NotifierQueue(new WebhookNotifier({ url: rx.url }), { backoff: { baseMs: 40, maxMs: 1000, factor: 2 }, random: () => 1 });
  queue.enqueue([note]);
  await queue.idle();
  assert.equal(rx.bodies.length, 3);
  assert.deepEqual(queue.stats, { success: 1, retry: 2, failure: 0, dropped: 0 });
  const gaps = [rx.times[1]! - rx.times[0]!, rx.times[2]! - rx.times[1]!];
  assert.ok(gaps[0]! >= 35 && gaps[1]! >= 75, `delays grow with backoff (40 ms, then 80 ms): ${gaps.map(Math.round).join(', ')}`);
  assert.deepEqual(rx.bodies[0], rx.bodies[2], 'the same payload is retried');
});

test('retries are bounded: a receiver that always fails is given up on and counted', async () => {
  const rx = await receiver(() => 500);
  const queue = new NotifierQueue(new WebhookNotifier({ url: rx.url }), { maxAttempts: 3, backoff: { baseMs: 5, maxMs: 10 } });
  queue.enqueue([note]);
  await queue.idle();
  assert.equal(rx.bodies.length, 3);
  assert.deepEqual(queue.stats, { success: 0, retry: 2, failure: 1, dropped: 0 });
});

test('a 4xx other than 429 is not retried: the payload itself is refused', async () => {
  const rx = await receiver(() => 400);
  const queue = new NotifierQueue(new WebhookNotifier({ url: rx.url }), { backoff: { baseMs: 5, maxMs: 10 } });
  queue.enqueue([note]);
  await queue.idle();
  assert.equal(rx.bodies.length, 1);
  assert.equal(queue.stats.failure, 1);
});

test('the queue is bounded: beyond maxQueued the oldest batch is dropped and counted', async () => {
  const rx = await receiver(() => null);
  const queue = new NotifierQueue(new WebhookNotifier({ url: rx.url }), { maxQueued: 2, attemptTimeoutMs: 200, maxAttempts: 1 });
  for (let i = 0; i < 5; i++) queue.enqueue([{ ...note, id: String(i) }]);
  assert.equal(queue.pending, 2, 'one in flight, two waiting');
  assert.equal(queue.stats.dropped, 2);
  await queue.close(0);
});

test('an attempt the receiver never answers ends at attemptTimeoutMs, garbage collections or not', async () => {
  // Node 20 collected an AbortSignal.timeout() that only AbortSignal.any() referred to, so the
  // attempt's deadline never fired: collect garbage while it runs.
  v8.setFlagsFromString('--expose-gc');
  const collectGarbage = vm.runInNewContext('gc') as () => void;
  const rx = await receiver(() => null);
  const queue = new NotifierQueue(new WebhookNotifier({ url: rx.url }), { attemptTimeoutMs: 300, maxAttempts: 1 });
  queue.enqueue([note]);
  await waitFor('the request held open by the receiver', () => rx.open() === 1);
  const givenUp = () => (collectGarbage(), queue.stats.failure === 1);
  // 15 s is fifty times the deadline: only a deadline that never fires runs out of it.
  await waitFor('the attempt given up on at its deadline', givenUp, { timeoutMs: 15_000, intervalMs: 50 });
  assert.deepEqual(queue.stats, { success: 0, retry: 0, failure: 1, dropped: 0 });
  await waitFor('the abandoned request closed', () => rx.open() === 0);
});

test('a hanging receiver delays neither evaluateOnce nor another receiver', async () => {
  const hanging = await receiver(() => null);
  const healthy = await receiver(() => 200);
  const source = new ScriptedSource().set('x > 1', [sample(2)]);
  const service = new RulesService({
    source,
    ruleSet: () => ruleSetOf([alertRule({ name: 'X', expr: 'x > 1' })]),
    notifiers: [new WebhookNotifier({ url: hanging.url, name: 'hanging' }), new WebhookNotifier({ url: healthy.url, name: 'healthy' })],
    // One attempt of 30 s: an evaluation that waited for the hanging delivery would see it fail.
    notifierQueue: { attemptTimeoutMs: 30_000, maxAttempts: 1 },
  });
  const nothingYet = { success: 0, retry: 0, failure: 0, dropped: 0 };
  const report = await service.evaluateOnce(T0);
  assert.equal(report.notified, 1);
  // Told by the order of events, not by a clock: a delivery to the hanging receiver can only end
  // by its attempt timeout or by stop(), so an evaluation that waited for it would find it counted.
  assert.deepEqual(service.notificationStats().hanging, nothingYet, 'evaluateOnce returned while the hanging delivery is unfinished');
  // The receiver sees the body before the sender sees the answer: wait for the sender's count.
  const bothArrived = () => service.notificationStats().healthy!.success === 1 && hanging.bodies.length === 1 && hanging.open() === 1;
  await waitFor('the healthy delivery and the hanging request', bothArrived);
  assert.equal(healthy.bodies.length, 1, 'the healthy receiver got its notification');
  assert.equal(hanging.bodies.length, 1, 'the hanging one received the request and never answered');
  assert.deepEqual(service.notificationStats().healthy, { success: 1, retry: 0, failure: 0, dropped: 0 });
  assert.deepEqual(service.notificationStats().hanging, nothingYet, 'delivered to the healthy receiver while the hanging request is held open');
  await service.stop(0);
  assert.equal(service.notificationStats().hanging!.failure, 1, 'stop aborts the hanging delivery and counts it');
});

test('queue options are validated with precise messages', () => {
  const n = new WebhookNotifier({ url: 'http://127.0.0.1:1' });
  assert.throws(() => new NotifierQueue(n, { maxQueued: 0 }), /maxQueued must be an integer >= 1/);
  assert.throws(() => new NotifierQueue(n, { maxAttempts: 0 }), /maxAttempts must be an integer >= 1/);
  assert.throws(() => new NotifierQueue(n, { attemptTimeoutMs: 0 }), /attemptTimeoutMs must be > 0/);
  assert.throws(() => new NotifierQueue(n, { backoff: { baseMs: 10, maxMs: 5 } }), /backoff needs baseMs >= 0, maxMs >= baseMs/);
});
