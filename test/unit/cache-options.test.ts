// Option validation of the tiered cache (each rule its own test), TTL jitter bounds, and the
// per-call checks of set().
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { TieredCache, cacheDefaults, jitteredTtlMs, type CacheOptions } from '../../src/cache/index.js';

const rejects = (options: Partial<CacheOptions>, pattern: RegExp) =>
  assert.throws(() => new TieredCache(options), pattern);

test('defaults are filled in', () => {
  const cache = new TieredCache();
  assert.deepEqual(cache.options, { ...cacheDefaults });
  assert.equal(cache.l2State(), 'disabled');
});

test('undefined fields keep their default (config objects pass REDIS_URL unset)', () => {
  const cache = new TieredCache({ maxEntries: 10, redisUrl: undefined, keyPrefix: undefined });
  assert.equal(cache.options.maxEntries, 10);
  assert.equal(cache.options.keyPrefix, 'foresight:');
});

test('maxEntries must be a positive integer', () => {
  rejects({ maxEntries: 0 }, /maxEntries must be a positive integer, got 0/);
  rejects({ maxEntries: 2.5 }, /maxEntries must be a positive integer/);
  rejects({ maxEntries: Number.NaN }, /maxEntries must be a positive integer/);
});

test('defaultTtlSeconds must be a positive integer', () => {
  rejects({ defaultTtlSeconds: 0 }, /defaultTtlSeconds must be a positive integer \(seconds\), got 0/);
  rejects({ defaultTtlSeconds: -5 }, /defaultTtlSeconds/);
});

test('ttlJitter must be within 0..1', () => {
  rejects({ ttlJitter: -0.1 }, /ttlJitter must be a number from 0 to 1, got -0.1/);
  rejects({ ttlJitter: 1.5 }, /ttlJitter must be a number from 0 to 1/);
  rejects({ ttlJitter: Number.NaN }, /ttlJitter/);
  assert.equal(new TieredCache({ ttlJitter: 0 }).options.ttlJitter, 0);
  assert.equal(new TieredCache({ ttlJitter: 1 }).options.ttlJitter, 1);
});

test('commandTimeoutMs must be a positive integer', () => {
  rejects({ commandTimeoutMs: 0 }, /commandTimeoutMs must be a positive integer \(ms\), got 0/);
});

test('keyPrefix must be a string', () => {
  rejects({ keyPrefix: 42 as unknown as string }, /keyPrefix must be a string, got number/);
});

test('redisUrl must be a redis: or rediss: URL', () => {
  rejects({ redisUrl: 'not a url' }, /redisUrl must be a URL/);
  rejects({ redisUrl: 'http://127.0.0.1:6379' }, /redisUrl must use redis: or rediss:, got "http:"/);
});

test('set rejects an undefined value, a bad TTL and bad tags', async () => {
  const cache = new TieredCache();
  await assert.rejects(cache.set('k', undefined), /must not be undefined/);
  await assert.rejects(cache.set('k', 1, { ttlSeconds: 0 }), /ttlSeconds must be a positive integer/);
  await assert.rejects(cache.set('k', 1, { tags: [''] }), /tags must be an array of non-empty strings/);
  await assert.rejects(cache.getOrCompute('k', async () => 1, { ttlSeconds: 1.5 }), /ttlSeconds/);
});

test('jitter takes at most ttlJitter of the TTL off, never adds', () => {
  assert.equal(jitteredTtlMs(100, 0.1, () => 0), 100_000);
  assert.equal(jitteredTtlMs(100, 0.1, () => 0.999999), 90_000);
  assert.equal(jitteredTtlMs(100, 0, Math.random), 100_000);
  const samples = Array.from({ length: 2000 }, () => jitteredTtlMs(3600, 0.1));
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  assert.ok(min >= 3_240_000 && max <= 3_600_000, `${min}..${max} within [3240000, 3600000]`);
  // Spread out, so keys set together do not expire together.
  assert.ok(max - min > 300_000, `spread ${max - min} ms`);
  assert.ok(new Set(samples).size > 1000);
});

test('jitter never takes a TTL below one second', () => {
  assert.equal(jitteredTtlMs(1, 1, () => 0.999), 1000);
  assert.equal(jitteredTtlMs(2, 1, () => 0.999), 1000);
});

test('options given as a function are made on a miss only, checked, and applied', async () => {
  const cache = new TieredCache();
  let made = 0;
  const opts = () => {
    made++;
    return { tags: ['t'] };
  };
  assert.deepEqual(await cache.getOrCompute('k', async () => 1, opts), { value: 1, cached: false });
  assert.deepEqual(await cache.getOrCompute('k', async () => 2, opts), { value: 1, cached: true });
  assert.equal(made, 1, 'the hit made no options');
  assert.equal(await cache.deleteByTags(['t']), 1, 'the tags of the function were applied');
  await assert.rejects(cache.getOrCompute('bad', async () => 1, () => ({ tags: [''] })), /tags/);
  await cache.close();
});
