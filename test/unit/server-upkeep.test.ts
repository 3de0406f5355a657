// The background upkeep of CACHE_CLEANUP_INTERVAL: expired entries leave the in-process cache
// without a lookup, and the model cache is shed when memory is above its threshold.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { TieredCache } from '../../src/cache/index.js';
import { ModelCache, type ModelSource } from '../../src/prediction/index.js';
import { startUpkeep, upkeepOnce } from '../../src/server/upkeep.js';
import { waitFor } from '../helpers/wait-for.js';

const noModels: ModelSource = { activeModel: async () => undefined, getCity: async () => undefined, listCities: async () => [] };

test('a round purges expired entries; the loop runs on its interval and stops', async () => {
  const cache = new TieredCache({ maxEntries: 100, defaultTtlSeconds: 1, ttlJitter: 0 });
  const models = new ModelCache(noModels);
  await cache.set('a', 1);
  await cache.set('b', 2, { ttlSeconds: 60 });
  assert.deepEqual(await upkeepOnce({ cache, models }), { expired: 0, models: 0 });
  await new Promise((r) => setTimeout(r, 1100));
  assert.equal(cache.stats().entry_count, 2, 'an expired entry still counts until something removes it');
  const stop = startUpkeep({ cache, models }, 100);
  try {
    // Without a lookup only the loop can remove it; how many rounds that takes is the machine's.
    await waitFor('the loop to purge the expired entry', () => cache.stats().entry_count === 1);
  } finally {
    stop();
  }
  assert.equal(await cache.get('b'), 2);
  await cache.close();
});

test('an interval of 0 starts nothing', () => {
  const stop = startUpkeep({ cache: {} as TieredCache, models: {} as ModelCache }, 0);
  stop();
});
