// The tiered cache with L1 only: TTL expiry, LRU eviction counts, tags, single-flight, statistics.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'vitest';
import { TieredCache } from '../../src/cache/index.js';

test('get returns what set stored; missing keys are undefined; null is a value', async () => {
  const cache = new TieredCache();
  await cache.set('a', { n: 1 });
  await cache.set('z', null);
  assert.deepEqual(await cache.get('a'), { n: 1 });
  assert.equal(await cache.get('z'), null);
  assert.equal(await cache.get('nope'), undefined);
});

test('entries expire after their TTL', async () => {
  const cache = new TieredCache({ ttlJitter: 0 });
  await cache.set('short', 1, { ttlSeconds: 1 });
  await cache.set('long', 2, { ttlSeconds: 60 });
  assert.equal(await cache.get('short'), 1);
  await sleep(1100);
  assert.equal(await cache.get('short'), undefined);
  assert.equal(await cache.get('long'), 2);
});

test('cleanup purges expired entries and reports how many', async () => {
  const cache = new TieredCache({ ttlJitter: 0 });
  for (let i = 0; i < 5; i++) await cache.set(`e${i}`, i, { ttlSeconds: 1 });
  await cache.set('keep', 1, { ttlSeconds: 60, tags: ['t'] });
  assert.equal(cache.stats().entry_count, 6);
  await sleep(1100);
  assert.equal(await cache.cleanup(), 5);
  assert.equal(cache.stats().entry_count, 1);
  assert.equal(await cache.cleanup(), 0);
});

test('LRU eviction drops the least recently used and counts evictions only', async () => {
  const cache = new TieredCache({ maxEntries: 3 });
  await cache.set('a', 1);
  await cache.set('b', 2);
  await cache.set('c', 3);
  await cache.get('a'); // a is now the most recent: b goes first
  await cache.set('d', 4);
  await cache.set('e', 5);
  assert.equal(await cache.get('b'), undefined);
  assert.equal(await cache.get('c'), undefined);
  assert.equal(await cache.get('a'), 1);
  const s = cache.stats();
  assert.equal(s.evictions, 2);
  assert.equal(s.entry_count, 3);
  // Overwrites and deletes are not evictions.
  await cache.set('a', 10);
  await cache.delete('d');
  assert.equal(cache.stats().evictions, 2);
});

test('deleteByTags removes every entry with any of the tags, and only those', async () => {
  const cache = new TieredCache();
  await cache.set('a', 1, { tags: ['city:x', 'forecast'] });
  await cache.set('b', 2, { tags: ['city:x'] });
  await cache.set('c', 3, { tags: ['city:y', 'forecast'] });
  await cache.set('d', 4);
  assert.equal(await cache.deleteByTags(['city:x']), 2);
  assert.equal(await cache.get('a'), undefined);
  assert.equal(await cache.get('b'), undefined);
  assert.equal(await cache.get('c'), 3);
  assert.equal(await cache.deleteByTags(['forecast', 'city:y']), 1, 'c counted once across its two tags');
  assert.equal(await cache.deleteByTags(['nothing']), 0);
  assert.equal(await cache.get('d'), 4);
});

test('an overwrite replaces the tags of a key; evicted keys leave the tag index', async () => {
  const cache = new TieredCache({ maxEntries: 2 });
  await cache.set('a', 1, { tags: ['old'] });
  await cache.set('a', 2, { tags: ['new'] });
  assert.equal(await cache.deleteByTags(['old']), 0);
  assert.equal(await cache.get('a'), 2);
  await cache.set('b', 1, { tags: ['t'] });
  await cache.set('c', 1, { tags: ['t'] });
  await cache.set('d', 1, { tags: ['t'] }); // evicts a, then b
  assert.equal(await cache.deleteByTags(['t']), 2);
  assert.equal(cache.stats().entry_count, 0);
});

test('delete and clear report what they removed', async () => {
  const cache = new TieredCache();
  await cache.set('a', 1);
  await cache.set('b', 2);
  assert.equal(await cache.delete('a'), true);
  assert.equal(await cache.delete('a'), false);
  assert.equal(await cache.clear(), 1);
  assert.equal(cache.stats().entry_count, 0);
  assert.equal(cache.stats().total_size, 0);
});

test('100 concurrent getOrCompute on one key compute once', async () => {
  const cache = new TieredCache();
  let computed = 0;
  const compute = async () => {
    computed++;
    await sleep(20);
    return { v: 42 };
  };
  const results = await Promise.all(Array.from({ length: 100 }, () => cache.getOrCompute('k', compute)));
  assert.equal(computed, 1);
  for (const r of results) assert.deepEqual(r, { value: { v: 42 }, cached: false });
  assert.deepEqual(await cache.getOrCompute('k', compute), { value: { v: 42 }, cached: true });
  assert.equal(computed, 1);
  const s = cache.stats();
  assert.equal(s.misses, 100);
  assert.equal(s.hits, 1);
});

test('a failed computation rejects every waiter and is not cached', async () => {
  const cache = new TieredCache();
  let calls = 0;
  const failing = async () => {
    calls++;
    await sleep(5);
    throw new Error('db down');
  };
  const settled = await Promise.allSettled(Array.from({ length: 10 }, () => cache.getOrCompute('k', failing)));
  assert.equal(calls, 1);
  for (const s of settled) assert.equal(s.status === 'rejected' && (s.reason as Error).message, 'db down');
  assert.deepEqual(await cache.getOrCompute('k', async () => 7), { value: 7, cached: false });
  assert.equal(cache.stats().misses, 11);
});

test('different keys compute independently', async () => {
  const cache = new TieredCache();
  const seen: string[] = [];
  await Promise.all(['a', 'b', 'a', 'b'].map((k) => cache.getOrCompute(k, async () => (seen.push(k), k))));
  assert.deepEqual(seen.sort(), ['a', 'b']);
});

test('stats have the seed 003 shape and rounded percentages', async () => {
  const cache = new TieredCache({ maxEntries: 8 });
  assert.equal(cache.stats().hit_rate, 0, 'no traffic: 0, not NaN');
  await cache.set('a', 'x'.repeat(98)); // JSON "xxx…" is 100 bytes
  await cache.get('a');
  await cache.get('a');
  await cache.get('missing');
  assert.deepEqual(cache.stats(), {
    hits: 2,
    misses: 1,
    evictions: 0,
    hit_rate: 66.7,
    total_size: 100,
    entry_count: 1,
    max_size: 8,
    utilization: 12.5,
    l2: { enabled: false, connected: false, hits: 0, misses: 0, errors: 0, timeouts: 0 },
  });
});

test('close keeps L1 answering', async () => {
  const cache = new TieredCache();
  await cache.set('a', 1);
  await cache.close();
  assert.equal(await cache.get('a'), 1);
});
