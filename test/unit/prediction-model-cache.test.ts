// The model cache over an in-memory source: single flight, LRU bound, hot swap, typed errors.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { ModelNotTrainedError, UnknownCityError } from '../../src/prediction/errors.js';
import { defaultFeatureSpec } from '../../src/prediction/features.js';
import { ModelCache, type ModelSource } from '../../src/prediction/model-cache.js';
import type { City, ModelRecord } from '../../src/prediction/records.js';

function record(city: string, version: number): ModelRecord {
  return {
    id: version, city, version, algorithm: 'test', coefficients: Array.from({ length: 13 }, () => version),
    featureSpec: defaultFeatureSpec(0), mape: 2, trainingRows: 1, holdoutRows: 1, trainedAt: new Date(0), trainingMs: 1, isActive: true,
  };
}

/** A source with `models` per city, cities `known`, counting reads, each read taking `delayMs`. */
function source(models: Record<string, ModelRecord>, known: string[], delayMs = 5) {
  const reads: string[] = [];
  const src: ModelSource = {
    async activeModel(slug) {
      reads.push(slug);
      await new Promise((r) => setTimeout(r, delayMs));
      return models[slug];
    },
    async getCity(slug) {
      return known.includes(slug) ? ({ slug } as City) : undefined;
    },
    async listCities() {
      return known.map((slug) => ({ slug, name: slug, activeVersion: models[slug]?.version ?? null, mape: null, trainedAt: null }));
    },
  };
  return { src, reads };
}

test('concurrent misses of one city load it once', async () => {
  const { src, reads } = source({ london: record('london', 1) }, ['london']);
  const cache = new ModelCache(src);
  const loaded = await Promise.all(Array.from({ length: 10 }, () => cache.get('london')));
  assert.equal(reads.length, 1);
  assert.ok(loaded.every((m) => m === loaded[0]));
  await cache.get('london');
  assert.deepEqual(cache.stats(), { hits: 1, misses: 10, evictions: 0, size: 1, max_size: 32, loads: 1, load_errors: 0, memory_evictions: 0, memory_threshold: 80 });
});

test('the LRU bound evicts the least recently used model and counts it', async () => {
  const models = Object.fromEntries(['a', 'b', 'c'].map((c) => [c, record(c, 1)]));
  const cache = new ModelCache(source(models, ['a', 'b', 'c'], 0).src, { maxSize: 2 });
  await cache.get('a');
  await cache.get('b');
  await cache.get('a');
  await cache.get('c'); // evicts b
  const stats = cache.stats();
  assert.equal(stats.evictions, 1);
  assert.equal(stats.size, 2);
  await cache.get('a');
  assert.equal(cache.stats().hits, 2);
});

test('preload loads active models up to the bound', async () => {
  const models = { a: record('a', 1), b: record('b', 1), c: record('c', 1) };
  const cache = new ModelCache(source(models, ['a', 'b', 'c', 'untrained'], 0).src, { maxSize: 2 });
  assert.equal(await cache.preload(), 2);
  assert.equal(cache.stats().loads, 2);
});

test('swap serves the new version at once, and a slower load never overwrites it with an older one', async () => {
  const models = { london: record('london', 1) };
  const cache = new ModelCache(source(models, ['london'], 20).src);
  const loading = cache.get('london'); // reads v1, slowly
  await cache.swap('london', { ...record('london', 2), coefficients: Float64Array.from(record('london', 2).coefficients), spec: defaultFeatureSpec(0), trainedAt: new Date(0) });
  assert.equal((await loading).version, 2);
  assert.equal((await cache.get('london')).version, 2);
  models.london = record('london', 3);
  assert.equal((await cache.swap('london')).version, 3, 'without a model, swap reads the active one');
  assert.equal((await cache.swap('london', record('london', 4))).version, 4, 'a ModelRecord is accepted too');
  await assert.rejects(cache.swap('paris', record('london', 5)), /model of "london" given for "paris"/);
});

test('unknown cities and untrained cities fail with their typed errors, and are not cached', async () => {
  const { src, reads } = source({}, ['oslo'], 0);
  const cache = new ModelCache(src);
  await assert.rejects(cache.get('atlantis'), (e) => e instanceof UnknownCityError && e.code === 'UNKNOWN_CITY');
  await assert.rejects(cache.get('oslo'), (e) => e instanceof ModelNotTrainedError && e.code === 'MODEL_NOT_TRAINED');
  await assert.rejects(cache.get('oslo'), ModelNotTrainedError);
  assert.equal(reads.length, 3);
  assert.equal(cache.stats().size, 0);
});

test('the constructor rejects an invalid size bound', () => {
  const { src } = source({}, []);
  assert.throws(() => new ModelCache(src, { maxSize: 0 }), /maxSize must be an integer >= 1, got 0/);
  assert.throws(() => new ModelCache(src, { maxSize: 2.5 }), /got 2.5/);
});

test('above the memory threshold the least recently used half of the models is shed, the hot one kept', async () => {
  const cities = ['a', 'b', 'c', 'd', 'e'];
  const models = Object.fromEntries(cities.map((c) => [c, record(c, 1)]));
  let usage = 50;
  const cache = new ModelCache(source(models, cities, 0).src, { memoryThreshold: 80, memoryUsage: () => usage });
  for (const c of cities) await cache.get(c);
  await cache.get('a'); // a is now the most recently used
  assert.equal(cache.shed(), 0, 'below the threshold nothing goes');
  usage = 85;
  assert.equal(cache.shed(), 2);
  assert.deepEqual(cache.loaded().map((m) => m.city).sort(), ['a', 'd', 'e']);
  assert.equal(cache.stats().memory_evictions, 2);
  assert.equal(cache.stats().evictions, 0, 'size-bound evictions are counted apart');
  await cache.get('b'); // a load under pressure sheds again
  assert.equal(cache.stats().size, 2);
  assert.ok(cache.loaded().some((m) => m.city === 'b'), 'the model just loaded stays');
});

test('a load that fails for another reason than an unknown city is a load error', async () => {
  const cache = new ModelCache(source({}, ['known'], 0).src);
  await assert.rejects(cache.get('unknown'), UnknownCityError);
  await assert.rejects(cache.get('known'), ModelNotTrainedError);
  assert.equal(cache.stats().load_errors, 1);
  assert.throws(() => new ModelCache(source({}, [], 0).src, { memoryThreshold: 0 }), /memoryThreshold must be a percentage in \(0, 100\], got 0/);
});
