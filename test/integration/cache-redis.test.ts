// The tiered cache against the real Redis: two instances sharing it like two API replicas, L2
// hits and refills, tags across both tiers and instances, TTLs as Redis holds them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, test, type TestContext } from 'vitest';
import { Redis } from 'ioredis';
import { TieredCache, type CacheOptions } from '../../src/cache/index.js';
import { requireService, testRedisUrl } from '../helpers/services.js';
import { waitFor } from '../helpers/wait-for.js';

const prefix = `foresight-test:${randomUUID().slice(0, 8)}:`;
let raw: Redis | undefined;
const caches: TieredCache[] = [];

beforeAll(async () => {
  raw = new Redis(testRedisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
  await raw.connect().catch(() => {});
});
afterAll(async () => {
  for (const c of caches) await c.close();
  if (raw?.status === 'ready') {
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(...keys);
  }
  raw?.disconnect();
});

/** A cache on the test Redis (connected before it is returned), or undefined when Redis is absent. */
async function open(t: TestContext, options: Partial<CacheOptions> = {}): Promise<TieredCache | undefined> {
  if (!(await requireService(t, 'Redis', testRedisUrl))) return undefined;
  const cache = new TieredCache({ redisUrl: testRedisUrl, keyPrefix: prefix, ...options });
  caches.push(cache);
  // A loaded machine may take more than a second to connect; the test is not about that.
  await waitFor('the connection to Redis', () => cache.l2State() === 'connected');
  return cache;
}

test('a value computed on one instance is an L2 hit on the other, then an L1 hit there', async (t) => {
  const a = await open(t);
  const b = await open(t);
  if (!a || !b) return;
  let computed = 0;
  const compute = async () => (computed++, { mw: 512.5, at: 'now' });
  assert.deepEqual(await a.getOrCompute('shared', compute), { value: { mw: 512.5, at: 'now' }, cached: false });
  assert.deepEqual(await b.getOrCompute('shared', compute), { value: { mw: 512.5, at: 'now' }, cached: true });
  assert.equal(computed, 1);
  assert.equal(b.stats().l2.hits, 1);
  assert.deepEqual(await b.get('shared'), { mw: 512.5, at: 'now' });
  assert.equal(b.stats().l2.hits, 1, 'second read answered by L1, refilled from L2');
  assert.equal(b.stats().hits, 2);
  assert.equal(a.stats().l2.misses, 1);
  assert.deepEqual(a.stats().l2, { enabled: true, connected: true, hits: 0, misses: 1, errors: 0, timeouts: 0 });
});

test('an L1 refilled from L2 expires with the Redis entry, not later', async (t) => {
  const a = await open(t, { ttlJitter: 0 });
  const b = await open(t);
  if (!a || !b) return;
  await a.set('brief', 1, { ttlSeconds: 1 });
  assert.equal(await b.get('brief'), 1);
  await sleep(1100);
  assert.equal(await b.get('brief'), undefined);
  assert.equal(await a.get('brief'), undefined);
});

test('Redis holds the jittered TTL; tag sets outlive their keys', async (t) => {
  const a = await open(t, { ttlJitter: 0.1 });
  if (!a || !raw) return;
  await a.set('ttl:long', 'v', { ttlSeconds: 100, tags: ['ttl-tag'] });
  await a.set('ttl:short', 'v', { ttlSeconds: 10, tags: ['ttl-tag'] });
  const keyTtl = await raw.pttl(`${prefix}v:ttl:long`);
  assert.ok(keyTtl > 89_000 && keyTtl <= 100_000, `key PTTL ${keyTtl}`);
  const shortTtl = await raw.pttl(`${prefix}v:ttl:short`);
  assert.ok(shortTtl > 8_900 && shortTtl <= 10_000, `key PTTL ${shortTtl}`);
  const tagTtl = await raw.pttl(`${prefix}tag:ttl-tag`);
  assert.ok(tagTtl >= keyTtl - 50, `tag PTTL ${tagTtl} ≥ key PTTL ${keyTtl} (not shortened by the later key)`);
  assert.deepEqual((await raw.smembers(`${prefix}tag:ttl-tag`)).sort(), ['ttl:long', 'ttl:short']);
  assert.equal(JSON.parse((await raw.get(`${prefix}v:ttl:long`))!), 'v');
});

test('deleteByTags removes from L2, from this L1, and from the other instance\'s L1', async (t) => {
  const a = await open(t);
  const b = await open(t);
  if (!a || !b || !raw) return;
  await a.set('city:x:1', 1, { tags: ['city:x'] });
  await a.set('city:x:2', 2, { tags: ['city:x', 'forecast'] });
  await a.set('city:y:1', 3, { tags: ['city:y'] });
  assert.equal(await b.get('city:x:1'), 1); // b's L1 now holds it, without tags
  assert.equal(await b.deleteByTags(['city:x']), 2);
  assert.equal(await raw.exists(`${prefix}v:city:x:1`, `${prefix}v:city:x:2`, `${prefix}tag:city:x`), 0);
  assert.equal(await b.get('city:x:1'), undefined);
  // a's L1 copies go when the invalidation message arrives.
  await waitFor("the invalidation of a's L1 copies", async () => (await a.get('city:x:1')) === undefined && (await a.get('city:x:2')) === undefined);
  assert.equal(await a.get('city:y:1'), 3);
  assert.equal(await b.deleteByTags(['city:x']), 0);
});

test('delete and clear reach every tier and instance, and only this prefix', async (t) => {
  const a = await open(t);
  const b = await open(t);
  if (!a || !b || !raw) return;
  await raw.set('foresight-test-foreign-key', 'keep', 'EX', 60);
  await a.set('d1', 1);
  await a.set('d2', 2, { tags: ['dd'] });
  assert.equal(await b.get('d1'), 1);
  assert.equal(await b.delete('d1'), true);
  await waitFor("the delete reaching a's L1", async () => (await a.get('d1')) === undefined);
  assert.equal(await b.get('d2'), 2);
  assert.ok((await a.clear()) >= 1);
  assert.equal(await raw.exists(`${prefix}v:d2`, `${prefix}tag:dd`), 0);
  await waitFor("the clear reaching b's L1", async () => (await b.get('d2')) === undefined);
  assert.equal(await raw.get('foresight-test-foreign-key'), 'keep');
  await raw.del('foresight-test-foreign-key');
});

test('cleanup prunes tag sets whose keys are all gone', async (t) => {
  const a = await open(t, { ttlJitter: 0 });
  if (!a || !raw) return;
  await a.set('p1', 1, { ttlSeconds: 1, tags: ['prune-me'] });
  await a.set('p2', 2, { ttlSeconds: 60, tags: ['prune-me', 'keep-me'] });
  await raw.del(`${prefix}v:p2`); // gone from Redis behind the cache's back
  await sleep(1100);
  const removed = await a.cleanup();
  assert.ok(removed >= 3, `1 expired L1 entry + 2 empty tag sets, got ${removed}`);
  assert.equal(await raw.exists(`${prefix}tag:prune-me`, `${prefix}tag:keep-me`), 0);
});
