// The admin guard: refused when no token is configured, 401 on a wrong or missing token.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { Hono } from 'hono';
import { onError } from '../../src/api/envelope.js';
import { requireAdmin } from '../../src/api/middleware/admin.js';

function appWith(token: string | undefined) {
  const app = new Hono();
  app.onError(onError);
  app.post('/admin', requireAdmin({ token }), (c) => c.json({ ok: true }));
  return app;
}
const post = (app: Hono, auth?: string) =>
  app.request('/admin', { method: 'POST', headers: auth ? { authorization: auth } : {} });

test('without ADMIN_TOKEN every admin call is refused, even one that presents a token', async () => {
  const res = await post(appWith(undefined), 'Bearer anything');
  assert.equal(res.status, 403);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'ADMIN_DISABLED');
});

test('a missing, malformed or wrong token is 401 with WWW-Authenticate', async () => {
  const app = appWith('s3cret');
  for (const auth of [undefined, 's3cret', 'Bearer s3cre', 'Bearer s3cret2', 'Basic s3cret']) {
    const res = await post(app, auth);
    assert.equal(res.status, 401, `auth=${auth}`);
    assert.equal(res.headers.get('www-authenticate'), 'Bearer');
  }
});

test('the right token passes', async () => {
  const res = await post(appWith('s3cret'), 'Bearer s3cret');
  assert.equal(res.status, 200);
});
