// The prediction API's contract on the embedded defaults: envelopes, validation that names the
// field, 404/413 codes, caching flags, OpenAPI, probes, and the admin-only model retraining.
import assert from 'node:assert/strict';
import http from 'node:http';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { RunningServer } from '../../src/server/index.js';
import { call, startInProcess } from '../helpers/in-process.js';

const TOKEN = 'test-admin-token';
const today = new Date().toISOString().slice(0, 10);
let server: RunningServer;

beforeAll(async () => {
  server = await startInProcess({ ADMIN_TOKEN: TOKEN, PREDICT_BATCH_MAX_ITEMS: '5', MAX_BODY_BYTES: '2048' });
});
afterAll(async () => server?.close());

describe('cities and forecasts', () => {
  test('lists at least 20 cities, each with an active model version and its accuracy', async () => {
    const { status, body } = await call(server.url, '/api/v1/cities');
    assert.equal(status, 200);
    assert.equal(body.status, 'success');
    assert.ok(body.data.cities.length >= 20, `got ${body.data.cities.length} cities`);
    for (const c of body.data.cities) {
      assert.equal(typeof c.slug, 'string');
      assert.ok(c.activeVersion >= 1, `${c.slug} has no active model`);
      assert.ok(c.mape > 0 && c.mape < 6, `${c.slug} MAPE ${c.mape}% (percent)`);
    }
  });

  test('a forecast has 24 hourly values; the second call for the same key comes from cache', async () => {
    const city = (await call(server.url, '/api/v1/cities')).body.data.cities[0].slug;
    const first = await call(server.url, `/api/v1/forecast/${city}/${today}`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.data.values.length, 24);
    assert.equal(first.body.data.cached, false);
    assert.ok(first.body.data.values.every((v: { demand_mw: number }) => v.demand_mw > 0));
    const second = await call(server.url, `/api/v1/forecast/${city}/${today}`);
    assert.equal(second.body.data.cached, true);
    assert.deepEqual(second.body.data.values, first.body.data.values);
    // Later hits are served from the envelope serialised on the first hit: the same JSON answer.
    const third = await call(server.url, `/api/v1/forecast/${city}/${today}`);
    assert.equal(third.status, 200);
    assert.equal(third.headers.get('content-type'), second.headers.get('content-type'));
    assert.match(third.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(third.body, second.body);
    assert.deepEqual({ ...third.body.data, cached: false }, first.body.data);
  });

  test('an unknown city is 404 UNKNOWN_CITY', async () => {
    const { status, body } = await call(server.url, `/api/v1/forecast/atlantis/${today}`);
    assert.equal(status, 404);
    assert.equal(body.error.code, 'UNKNOWN_CITY');
    assert.match(body.error.message, /atlantis/);
  });

  test('a malformed date is 400 naming the date field', async () => {
    const city = (await call(server.url, '/api/v1/cities')).body.data.cities[0].slug;
    const { status, body } = await call(server.url, `/api/v1/forecast/${city}/2026-02-30`);
    assert.equal(status, 400);
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.match(body.error.message, /date/);
  });

  test('a date outside the weather window is 404 NO_WEATHER_DATA', async () => {
    const city = (await call(server.url, '/api/v1/cities')).body.data.cities[0].slug;
    const { status, body } = await call(server.url, `/api/v1/forecast/${city}/1999-01-01`);
    assert.equal(status, 404);
    assert.equal(body.error.code, 'NO_WEATHER_DATA');
  });
});

describe('predictions', () => {
  test('one prediction, with the temperature looked up or given', async () => {
    const city = (await call(server.url, '/api/v1/cities')).body.data.cities[1].slug;
    const timestamp = `${today}T12:00:00Z`;
    const looked = await call(server.url, '/api/v1/predict', { body: { city, timestamp } });
    assert.equal(looked.status, 200, JSON.stringify(looked.body));
    assert.ok(looked.body.data.demand_mw > 0);
    const hot = await call(server.url, '/api/v1/predict', { body: { city, timestamp, temperature: 38 } });
    assert.equal(hot.status, 200);
    assert.notEqual(hot.body.data.demand_mw, looked.body.data.demand_mw, 'temperature must change the prediction');
  });

  test('validation errors name the failing field', async () => {
    const missing = await call(server.url, '/api/v1/predict', { body: { city: 'berlin' } });
    assert.equal(missing.status, 400);
    assert.match(missing.body.error.message, /timestamp/);
    assert.equal(missing.body.error.details.fields[0].field, 'timestamp');
    const badTemp = await call(server.url, '/api/v1/predict', { body: { city: 'berlin', timestamp: `${today}T00:00:00Z`, temperature: 400 } });
    assert.equal(badTemp.status, 400);
    assert.match(badTemp.body.error.message, /temperature/);
    const notJson = await call(server.url, '/api/v1/predict', { raw: '{nope' });
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.error.code, 'INVALID_JSON');
  });

  test('a batch answers every item and is bounded by PREDICT_BATCH_MAX_ITEMS', async () => {
    const cities = (await call(server.url, '/api/v1/cities')).body.data.cities.slice(0, 5);
    const items = cities.map((c: { slug: string }, i: number) => ({ city: c.slug, timestamp: `${today}T0${i}:00:00Z` }));
    const ok = await call(server.url, '/api/v1/predict/batch', { body: { items } });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.data.count, 5);
    assert.deepEqual(ok.body.data.predictions.map((p: { city: string }) => p.city), items.map((i: { city: string }) => i.city));
    const tooMany = await call(server.url, '/api/v1/predict/batch', { body: { items: [...items, items[0]] } });
    assert.equal(tooMany.status, 400);
    assert.match(tooMany.body.error.message, /items/);
    const badItem = await call(server.url, '/api/v1/predict/batch', { body: { items: [items[0], { city: 'x', timestamp: 'yesterday' }] } });
    assert.equal(badItem.status, 400);
    assert.match(badItem.body.error.message, /items\.1\.timestamp/);
  });

  test('a body over MAX_BODY_BYTES is 413', async () => {
    const { status, body } = await call(server.url, '/api/v1/predict', { raw: JSON.stringify({ pad: 'x'.repeat(5000) }) });
    assert.equal(status, 413);
    assert.equal(body.error.code, 'PAYLOAD_TOO_LARGE');
  });

  test('a chunked body (no Content-Length) is counted as it streams: over MAX_BODY_BYTES 413, under it answered', async () => {
    const big = await postChunked(server.url, '/api/v1/predict', [`{"pad":"${'x'.repeat(1500)}`, `${'x'.repeat(1500)}"}`]);
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'PAYLOAD_TOO_LARGE');
    const cities = (await call(server.url, '/api/v1/cities')).body.data.cities as Array<{ slug: string }>;
    const small = await postChunked(server.url, '/api/v1/predict', [`{"city":"${cities[0]!.slug}",`, `"timestamp":"${new Date().toISOString()}"}`]);
    assert.equal(small.status, 200, JSON.stringify(small.body));
    assert.equal(small.body.data.city, cities[0]!.slug);
  });
});

/** POST of `chunks` with Transfer-Encoding: chunked (Node sends no Content-Length for it). */
function postChunked(base: string, path: string, chunks: string[]): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('probes, OpenAPI and unknown paths', () => {
  test('healthz and readyz report each component', async () => {
    assert.equal((await call(server.url, '/healthz')).status, 200);
    const ready = await call(server.url, '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ready');
    assert.equal(ready.body.components.database.status, 'up');
    assert.equal(ready.body.components.cache.detail, 'in-process only');
  });

  test('openapi.json documents every API path', async () => {
    const { status, body } = await call(server.url, '/openapi.json');
    assert.equal(status, 200);
    assert.equal(body.openapi, '3.1.0');
    for (const p of ['/api/v1/cities', '/api/v1/predict', '/api/v1/predict/batch', '/api/v1/forecast/{city}/{date}']) {
      assert.ok(body.paths[p], `missing ${p}`);
    }
  });

  test('an unknown path is a 404 in the error envelope', async () => {
    const { status, body } = await call(server.url, '/api/v1/nothing-here');
    assert.equal(status, 404);
    assert.equal(body.status, 'error');
    assert.equal(body.error.code, 'NOT_FOUND');
  });
});

describe('admin: retraining hot-swaps the model', () => {
  test('refuses without the token, retrains with it, and new forecasts use the new version', async () => {
    const city = (await call(server.url, '/api/v1/cities')).body.data.cities[2].slug;
    const before = await call(server.url, `/api/v1/forecast/${city}/${today}`);
    const anon = await call(server.url, `/api/v1/models/${city}/train`, { method: 'POST' });
    assert.equal(anon.status, 401);
    const wrong = await call(server.url, `/api/v1/models/${city}/train`, { method: 'POST', headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    const trained = await call(server.url, `/api/v1/models/${city}/train`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(trained.status, 201, JSON.stringify(trained.body));
    assert.equal(trained.body.data.model.version, before.body.data.model_version + 1);
    const afterSwap = await call(server.url, `/api/v1/forecast/${city}/${today}`);
    assert.equal(afterSwap.body.data.model_version, before.body.data.model_version + 1);
    assert.equal(afterSwap.body.data.cached, false, 'retraining must drop the city’s cached forecasts');
  });
});
