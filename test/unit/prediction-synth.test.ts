// The seed generator: deterministic per (city, hour), independent of the range asked for,
// different between cities, and with the noise level the MAPE bounds rely on.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { CITY_CATALOGUE, seedCities } from '../../src/prediction/cities.js';
import { gaussianAt, hashString, mulberry32 } from '../../src/prediction/prng.js';
import { cityProfile, generateSeries } from '../../src/prediction/synth.js';
import { HOUR_MS } from '../../src/prediction/time.js';

const start = Date.UTC(2025, 0, 1);
const city = (slug: string) => cityProfile(CITY_CATALOGUE.find((c) => c.slug === slug)!);

test('mulberry32 is deterministic and uniform-looking', () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  const draws = Array.from({ length: 10_000 }, () => a());
  assert.deepEqual(draws.slice(0, 5), Array.from({ length: 5 }, () => b()));
  assert.ok(draws.every((x) => x >= 0 && x < 1));
  const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
  assert.notEqual(hashString('london'), hashString('paris'));
});

test('the same city and range give the same series', () => {
  assert.deepEqual(generateSeries(city('london'), start, 500), generateSeries(city('london'), start, 500));
});

test('a sub-range equals the matching slice of a longer range', () => {
  const long = generateSeries(city('tokyo'), start, 400);
  const part = generateSeries(city('tokyo'), start + 100 * HOUR_MS, 50);
  assert.deepEqual(part.demand, long.demand.slice(100, 150));
  assert.deepEqual(part.temperatures, long.temperatures.slice(100, 150));
});

test('different cities give different series', () => {
  const a = generateSeries(city('london'), start, 200);
  const b = generateSeries(city('paris'), start, 200);
  assert.notDeepEqual(a.demand, b.demand);
  assert.notDeepEqual(a.temperatures, b.temperatures);
});

test('temperatures are plausible for the climate: Singapore is warm, Moscow January is cold', () => {
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const singapore = generateSeries(city('singapore'), start, 24 * 30).temperatures;
  const moscow = generateSeries(city('moscow'), start, 24 * 30).temperatures;
  assert.ok(Math.abs(mean(singapore) - 27.6) < 3, `Singapore ${mean(singapore)}`);
  assert.ok(mean(moscow) < -2, `Moscow ${mean(moscow)}`);
});

test('the demand noise is N(0, 1) scaled: E|z| ≈ 0.80, so 3 % noise alone gives MAPE ≈ 2.4 %', () => {
  const z = Array.from({ length: 20_000 }, (_, i) => gaussianAt(7, 3, i));
  const meanAbs = z.reduce((s, x) => s + Math.abs(x), 0) / z.length;
  assert.ok(Math.abs(meanAbs - Math.sqrt(2 / Math.PI)) < 0.02, `E|z| = ${meanAbs}`);
});

test('seedCities takes a prefix of the catalogue and rejects counts it cannot serve', () => {
  assert.ok(CITY_CATALOGUE.length >= 20);
  assert.equal(new Set(CITY_CATALOGUE.map((c) => c.slug)).size, CITY_CATALOGUE.length);
  assert.deepEqual(seedCities(3).map((c) => c.slug), CITY_CATALOGUE.slice(0, 3).map((c) => c.slug));
  assert.throws(() => seedCities(0), /cities must be an integer in 1\.\.\d+, got 0/);
  assert.throws(() => seedCities(CITY_CATALOGUE.length + 1), RangeError);
});
