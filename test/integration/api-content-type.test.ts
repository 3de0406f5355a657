// JSON endpoints take JSON only: a form post from another site (text/plain, no type, XML) is
// 415 naming the expected type, so a browser cannot make a simple cross-site request to them;
// API responses tell browsers not to sniff types or cache them. On real Postgres.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { afterAll, test } from 'vitest';
import type { RunningServer } from '../../src/server/index.js';
import { startInProcess } from '../helpers/in-process.js';
import { adminSql, requireService, schemaScopedUrl, testDatabaseUrl } from '../helpers/services.js';

const schema = `ctype_${crypto.randomBytes(4).toString('hex')}`;
let server: RunningServer | undefined;
let created = false;
afterAll(async () => {
  await server?.close();
  if (created) await adminSql(`DROP SCHEMA ${schema} CASCADE`);
});

test('415 for non-JSON bodies on predict and the webhook; nosniff and no-store on API responses', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  await adminSql(`CREATE SCHEMA ${schema}`);
  created = true;
  server = await startInProcess({ DATABASE_URL: schemaScopedUrl(schema), SEED_CITIES: '2', SEED_DAYS: '30', RULES_ENABLED: 'false' });
  const cities = await fetch(`${server.url}/api/v1/cities`);
  const city: string = ((await cities.json()) as any).data.cities[0].slug;
  const predict = JSON.stringify({ city, timestamp: new Date(Date.now() - 86_400_000).toISOString().slice(0, 13) + ':00:00Z' });
  const webhook = JSON.stringify({ status: 'firing', receiver: 'x', alerts: [] });
  const post = (path: string, body: string, type: string | undefined) =>
    fetch(`${server!.url}/api/v1${path}`, { method: 'POST', body: type ? new Blob([body], { type }) : Buffer.from(body) });

  for (const type of ['text/plain', undefined, 'application/xml', 'application/x-www-form-urlencoded']) {
    for (const [path, body] of [['/predict', predict], ['/performance/alerts/webhook', webhook]] as const) {
      const res = await post(path, body, type);
      assert.equal(res.status, 415, `${path} as ${type ?? 'no type'}`);
      const err = ((await res.json()) as any).error;
      assert.equal(err.code, 'UNSUPPORTED_MEDIA_TYPE');
      assert.match(err.message, /application\/json/);
    }
  }
  assert.equal((await post('/predict', predict, 'application/json; charset=utf-8')).status, 200);

  for (const res of [cities, await post('/predict', predict, 'text/plain'), await fetch(`${server.url}/api/v1/no-such-route`)]) {
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', res.url);
    assert.equal(res.headers.get('cache-control'), 'no-store', res.url);
  }
});
