// The real-service gate every integration test goes through: an open port is not enough, the
// service must answer a real request with the test's credentials, so a wrong password fails a
// CI run (FORESIGHT_REQUIRE_SERVICES=1) instead of letting tests pass without doing their work.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { freePort } from '../helpers/ports.js';
import { requireService, serviceProblem, testDatabaseUrl, testRedisUrl } from '../helpers/services.js';

test('Postgres: a wrong password or database is a problem, the test URL is not', async (t) => {
  if (!(await requireService(t, 'Postgres', testDatabaseUrl))) return;
  const wrong = new URL(testDatabaseUrl);
  wrong.password = 'not-the-password';
  assert.match((await serviceProblem(wrong.toString())) ?? 'none', /password|authentication/i);
  const missing = new URL(testDatabaseUrl);
  missing.pathname = '/no_such_database_here';
  assert.match((await serviceProblem(missing.toString())) ?? 'none', /does not exist/);
  assert.equal(await serviceProblem(`postgres://u:p@127.0.0.1:${await freePort()}/x`), 'not reachable');
});

test('Redis: a PING must be answered', async (t) => {
  if (!(await requireService(t, 'Redis', testRedisUrl))) return;
  const wrong = new URL(testRedisUrl);
  wrong.password = 'not-the-password';
  wrong.username = 'nobody';
  assert.match((await serviceProblem(wrong.toString())) ?? 'none', /refuses/);
});
