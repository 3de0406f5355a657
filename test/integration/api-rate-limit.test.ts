// Per-client rate limits against real Redis: `foresight start` answers 429 with Retry-After and
// the limit's code, blocks a client after wrong admin tokens while another client's right token
// passes, never limits the probes, and counts refusals on /metrics. Two instances on one Redis
// share one limit; with Redis killed the limits fall back to memory and nothing answers 5xx,
// and once Redis is back the counts are shared again. `foresight rules serve` holds its admin
// routes and alert webhook to the same limits.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, test, type TestContext } from 'vitest';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import type { AppEnv } from '../../src/api/deps.js';
import { onError } from '../../src/api/envelope.js';
import { requireAdmin } from '../../src/api/middleware/admin.js';
import { rateLimit } from '../../src/api/middleware/rate-limit.js';
import { TieredCache } from '../../src/cache/index.js';
import { loadConfig } from '../../src/config/index.js';
import { ClientLimits, type ClientLimitsOptions } from '../../src/ratelimit/index.js';
import { listen } from '../../src/server/listen.js';
import { startRulesServer } from '../../src/server/rules-server.js';
import { call } from '../helpers/in-process.js';
import { redisProcess, type RedisProcess } from '../helpers/redis-process.js';
import { requireService, testRedisUrl } from '../helpers/services.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';
import { requireTool } from '../helpers/tools.js';

const ADMIN = 'rate-limit-token';
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean().catch(() => {});
});

/** A client address of its own for each use, so counts left in Redis by an earlier run never meet it. */
const newClient = () => `2001:db8::${crypto.randomBytes(2).toString('hex')}:${crypto.randomBytes(2).toString('hex')}`;
const from = (client: string, headers: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': client, ...headers } });
const asAdmin = (client: string, token = ADMIN) => ({ method: 'POST', ...from(client, { authorization: `Bearer ${token}` }) });

/** Polls `done` every 20 ms; fails naming `what` after 10 s. */
async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await done())) {
    if (Date.now() > deadline) assert.fail(`${what}: not within 10 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('foresight start: 429 + Retry-After + API_RATE_LIMITED past the limit, admin calls blocked after wrong tokens, probes free, refusals on /metrics', async (t) => {
  if (!(await requireService(t, 'Redis', testRedisUrl))) return;
  const server: SpawnedServer = await spawnServer({
    REDIS_URL: testRedisUrl,
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_API_REQUESTS: '5',
    RATE_LIMIT_AUTH_FAILURES: '3',
    TRUST_PROXY_HOPS: '1',
    ADMIN_TOKEN: ADMIN,
    SEED_CITIES: '2',
    SEED_DAYS: '30',
  });
  cleanups.push(() => server.stop());
  const url = server.url;

  const a = newClient();
  for (let i = 1; i <= 5; i++) assert.equal((await call(url, '/api/v1/cities', from(a))).status, 200, `call ${i} of 5`);
  const over = await call(url, '/api/v1/cities', from(a));
  assert.equal(over.status, 429, JSON.stringify(over.body));
  assert.equal(over.body.status, 'error');
  assert.equal(over.body.error.code, 'API_RATE_LIMITED');
  assert.equal(over.body.error.details.limit, 5);
  const retryAfter = Number(over.headers.get('retry-after'));
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `Retry-After ${over.headers.get('retry-after')}`);
  for (const probe of ['/healthz', '/readyz']) assert.equal((await call(url, probe, from(a))).status, 200, `${probe} is never limited`);
  assert.equal((await call(url, '/api/v1/cities', from(newClient()))).status, 200, 'another client has its own limit');

  const guesser = newClient();
  for (let i = 1; i <= 3; i++) assert.equal((await call(url, '/api/v1/performance/cache/cleanup', asAdmin(guesser, `wrong-${i}`))).status, 401, `wrong token ${i}`);
  const blocked = await call(url, '/api/v1/performance/cache/cleanup', asAdmin(guesser));
  assert.equal(blocked.status, 429, 'blocked even with the right token');
  assert.equal(blocked.body.error.code, 'AUTH_FAILURES_BLOCKED');
  assert.ok(Number(blocked.headers.get('retry-after')) > 60, `blocked for the block time (900 s): Retry-After ${blocked.headers.get('retry-after')}`);
  const admin = await call(url, '/api/v1/performance/cache/cleanup', asAdmin(newClient()));
  assert.equal(admin.status, 200, `the right token from another client passes: ${JSON.stringify(admin.body)}`);

  const exposition = await (await fetch(server.metricsUrl)).text();
  const refusals = (scope: string) => Number(new RegExp(`^rate_limit_refusals_total\\{[^}]*scope="${scope}"[^}]*\\} (\\d+)`, 'm').exec(exposition)?.[1]);
  assert.equal(refusals('api'), 1, exposition.split('\n').filter((l) => l.includes('rate_limit')).join('\n'));
  assert.equal(refusals('auth'), 1);
  assert.equal(refusals('admin'), 0, 'each scope is exposed from zero');
});

/** An instance of the limits over its own connection to `redisUrl`, as `foresight start` wires them (the cache's client). */
async function limitedApp(redisUrl: string, options: Omit<ClientLimitsOptions, 'redis'>): Promise<{ url: string; cache: TieredCache }> {
  const cache = new TieredCache({ redisUrl });
  const limits = new ClientLimits({ ...options, redis: cache.redisClient });
  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use('/api/*', rateLimit({ limits, trustProxyHops: 1 }));
  app.get('/api/ping', (c) => c.json({ status: 'success', data: 'pong' }));
  app.post('/api/admin', requireAdmin({ token: ADMIN }), (c) => c.json({ status: 'success', data: 'done' }));
  const server = (await listen(app.fetch, '127.0.0.1', 0)) as http.Server;
  cleanups.push(() => cache.close(), () => new Promise((r) => server.close(r)));
  await until('the limits connected to Redis', () => cache.redisClient?.status === 'ready');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cache };
}

const prefix = () => `foresight:ratelimit-test-${crypto.randomBytes(4).toString('hex')}`;

test('two instances on one Redis share one limit, and one failed-token count', async (t) => {
  if (!(await requireService(t, 'Redis', testRedisUrl))) return;
  const options = { keyPrefix: prefix(), api: { points: 4, durationSeconds: 60 }, authFailures: { points: 2, durationSeconds: 60, blockSeconds: 120 } };
  const [a, b] = [await limitedApp(testRedisUrl, options), await limitedApp(testRedisUrl, options)];

  const client = newClient();
  const statuses = [];
  for (const app of [a, b, a, b, a, b]) statuses.push((await call(app.url, '/api/ping', from(client))).status);
  assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429], 'four calls in all, whichever instance answers');

  const guesser = newClient();
  assert.equal((await call(a.url, '/api/admin', asAdmin(guesser, 'wrong'))).status, 401);
  assert.equal((await call(b.url, '/api/admin', asAdmin(guesser, 'wrong'))).status, 401);
  const blocked = await call(a.url, '/api/admin', asAdmin(guesser));
  assert.equal(blocked.status, 429);
  assert.equal(blocked.body.error.code, 'AUTH_FAILURES_BLOCKED');
  assert.equal((await call(b.url, '/api/admin', asAdmin(newClient()))).status, 200, 'another client with the right token passes');
});

test('Redis killed: the limits count in memory, nothing answers 5xx; Redis back: counted in Redis again', async (t: TestContext) => {
  if (!requireTool(t, 'redis-server', 'redis-server')) return;
  const redis: RedisProcess = await redisProcess();
  await redis.start();
  cleanups.push(() => redis.stop());
  const keyPrefix = prefix();
  const { url } = await limitedApp(redis.url, { keyPrefix, api: { points: 3, durationSeconds: 60 }, authFailures: { points: 2, durationSeconds: 60, blockSeconds: 120 } });
  const inspector = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 200 });
  inspector.on('error', () => {});
  cleanups.push(async () => inspector.disconnect());
  const inRedis = async (client: string) => (await inspector.exists(`${keyPrefix}:api:${client}`)) === 1;

  const before = newClient();
  const statuses = async (client: string, n: number) => {
    const seen = [];
    for (let i = 0; i < n; i++) seen.push((await call(url, '/api/ping', from(client))).status);
    return seen;
  };
  assert.deepEqual(await statuses(before, 4), [200, 200, 200, 429]);
  await inspector.connect();
  assert.ok(await inRedis(before), 'counted in Redis while it is up');

  await redis.stop();
  const during = newClient();
  assert.deepEqual(await statuses(during, 4), [200, 200, 200, 429], 'the same limit, from memory');
  const guesser = newClient();
  const admin = [];
  for (const token of ['wrong', 'wrong', ADMIN]) admin.push((await call(url, '/api/admin', asAdmin(guesser, token))).status);
  assert.deepEqual(admin, [401, 401, 429], 'wrong tokens still block');
  const burst = await Promise.all(Array.from({ length: 30 }, () => call(url, '/api/ping', from(newClient()))));
  assert.deepEqual(burst.filter((r) => r.status >= 500).map((r) => r.body), [], 'no 5xx while Redis is down');

  await redis.start();
  // The limits' connection reconnects by itself; until then calls are counted in memory.
  await until('a call counted in Redis again', async () => {
    const client = newClient();
    assert.equal((await call(url, '/api/ping', from(client))).status, 200);
    return inRedis(client).catch(() => false);
  });
});

test('foresight rules serve: the same limits on its admin routes and its alert webhook (in memory)', async () => {
  const server = await startRulesServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_FILE: '',
      RULES_SCRAPE_TARGETS: 'http://127.0.0.1:9/metrics',
      SCRAPE_INTERVAL_MS: '60000',
      ADMIN_TOKEN: ADMIN,
      ALERT_RECEIVER_TOKEN: 'receiver-token',
      RATE_LIMIT_AUTH_FAILURES: '2',
      TRUST_PROXY_HOPS: '1',
    }),
  );
  cleanups.push(() => server.close());
  const change = (client: string, token: string) =>
    call(server.url, '/api/v1/performance/thresholds', { method: 'PUT', body: { cache_hit_rate: { warning: 77 } }, ...from(client, { authorization: `Bearer ${token}` }) });
  const guesser = newClient();
  assert.deepEqual([(await change(guesser, 'wrong')).status, (await change(guesser, 'wrong')).status], [401, 401]);
  const blocked = await change(guesser, ADMIN);
  assert.equal(blocked.status, 429);
  assert.equal(blocked.body.error.code, 'AUTH_FAILURES_BLOCKED');
  assert.match(blocked.headers.get('retry-after') ?? '', /^\d+$/);
  assert.equal((await change(newClient(), ADMIN)).status, 200, 'another client with the right token passes');

  // Wrong alert-webhook credentials count the same: the webhook's token can be guessed too.
  const deliver = (client: string, token: string) =>
    call(server.url, '/api/v1/performance/alerts/webhook', { body: {}, ...from(client, { authorization: `Bearer ${token}` }) });
  const webhookGuesser = newClient();
  assert.deepEqual([(await deliver(webhookGuesser, 'wrong')).status, (await deliver(webhookGuesser, 'wrong')).status], [401, 401]);
  const webhookBlocked = await deliver(webhookGuesser, 'receiver-token');
  assert.equal(webhookBlocked.status, 429);
  assert.equal(webhookBlocked.body.error.code, 'AUTH_FAILURES_BLOCKED');
  assert.equal((await change(webhookGuesser, ADMIN)).status, 429, 'and its admin calls too');
});
