// The per-client limits counting in memory (no Redis given): each scope refuses past its
// points with the time left, failed admin tokens block, a right one starts the count again,
// invalid options are named; and which address a request counts for.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { clientAddress, refusedError } from '../../src/api/middleware/rate-limit.js';
import { ClientLimits } from '../../src/ratelimit/index.js';

test('api and admin limits: points per client, then a refusal with the seconds left', async () => {
  const limits = new ClientLimits({ api: { points: 3, durationSeconds: 60 }, admin: { points: 1, durationSeconds: 30 } });
  for (let i = 0; i < 3; i++) assert.equal(await limits.take('api', '10.0.0.1'), undefined, `call ${i + 1}`);
  const refusal = await limits.take('api', '10.0.0.1');
  assert.equal(refusal?.scope, 'api');
  assert.deepEqual(refusal?.limit, { points: 3, durationSeconds: 60 });
  assert.ok(refusal.retryAfterSeconds >= 1 && refusal.retryAfterSeconds <= 60, String(refusal?.retryAfterSeconds));
  assert.equal(await limits.take('api', '10.0.0.2'), undefined, 'another client has its own count');
  assert.equal(await limits.take('admin', '10.0.0.1'), undefined);
  assert.equal((await limits.take('admin', '10.0.0.1'))?.scope, 'admin');
});

test('failed admin tokens: blocked after the last one allowed, for the block time; a right token forgets', async () => {
  const limits = new ClientLimits({ authFailures: { points: 2, durationSeconds: 60, blockSeconds: 300 } });
  await limits.authFailed('a');
  assert.equal(await limits.authBlocked('a'), undefined, 'one failure of two: not blocked');
  await limits.authSucceeded('a');
  await limits.authFailed('a');
  assert.equal(await limits.authBlocked('a'), undefined, 'the right token started the count again');
  await limits.authFailed('a');
  const blocked = await limits.authBlocked('a');
  assert.equal(blocked?.scope, 'auth');
  assert.ok(blocked.retryAfterSeconds > 60 && blocked.retryAfterSeconds <= 300, `blocked for the block time: ${blocked?.retryAfterSeconds}`);
  assert.equal(await limits.authBlocked('b'), undefined, 'other clients are not');
});

test('a limit left out is off', async () => {
  const limits = new ClientLimits({});
  assert.equal(limits.enabled, false);
  for (let i = 0; i < 50; i++) assert.equal(await limits.take('api', 'c'), undefined);
  await limits.authFailed('c');
  assert.equal(await limits.authBlocked('c'), undefined);
});

test('invalid limits are named', () => {
  assert.throws(() => new ClientLimits({ api: { points: 0, durationSeconds: 60 } }), /rate limit api\.points must be a positive integer, got 0/);
  assert.throws(() => new ClientLimits({ admin: { points: 5, durationSeconds: 1.5 } }), /rate limit admin\.durationSeconds must be a positive integer, got 1\.5/);
  assert.throws(
    () => new ClientLimits({ authFailures: { points: 5, durationSeconds: 60, blockSeconds: -1 } }),
    /rate limit authFailures\.blockSeconds must be a positive integer, got -1/,
  );
});

test('the client is the socket address; X-Forwarded-For only as far as trusted proxies appended to it', () => {
  assert.equal(clientAddress('10.0.0.9', '1.2.3.4', 0), '10.0.0.9', 'no trusted proxy: the header is ignored');
  assert.equal(clientAddress('10.0.0.9', 'spoofed, 1.2.3.4', 1), '1.2.3.4', 'one proxy: the entry it appended');
  assert.equal(clientAddress('10.0.0.9', 'spoofed, 1.2.3.4, 10.0.0.8', 2), '1.2.3.4', 'two proxies: the entry the farther one appended');
  assert.equal(clientAddress('10.0.0.9', '1.2.3.4', 3), '1.2.3.4', 'fewer entries than hops: the farthest there is');
  assert.equal(clientAddress('10.0.0.9', undefined, 1), '10.0.0.9', 'no header: the socket');
  assert.equal(clientAddress(undefined, undefined, 0), 'unknown');
});

test('a refusal is a 429 with Retry-After and the code of its limit', () => {
  const api = refusedError({ scope: 'api', limit: { points: 3, durationSeconds: 60 }, retryAfterSeconds: 42 });
  assert.equal(api.status, 429);
  assert.equal(api.code, 'API_RATE_LIMITED');
  assert.deepEqual(api.headers, { 'Retry-After': '42' });
  assert.deepEqual(api.details, { scope: 'api', limit: 3, window_seconds: 60, retry_after_seconds: 42 });
  assert.equal(refusedError({ scope: 'admin', limit: { points: 1, durationSeconds: 1 }, retryAfterSeconds: 1 }).code, 'ADMIN_RATE_LIMITED');
  assert.equal(refusedError({ scope: 'auth', limit: { points: 1, durationSeconds: 1 }, retryAfterSeconds: 1 }).code, 'AUTH_FAILURES_BLOCKED');
});
