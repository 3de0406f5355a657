// What Prometheus users lint an exposition with: `promtool check metrics` on a live scrape of
// the API (the agent's RED series, the prediction API's seed metrics, pg's pool metrics, runtime
// and process metrics) after real traffic, and on an Express app's telemetry port under the
// agent. Any finding (a gauge named like a histogram series, a bad unit suffix, a counter
// without _total) fails here before a user's CI finds it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, test } from 'vitest';
import { startAgentApp, type AgentApp } from '../fixtures/agent-harness/index.js';
import { spawnServer, type SpawnedServer } from '../helpers/spawn-server.js';
import { requireTool } from '../helpers/tools.js';

let server: SpawnedServer;
let app: AgentApp;

beforeAll(async () => {
  [server, app] = await Promise.all([spawnServer({ LOG_LEVEL: 'warn' }), startAgentApp('express5-esm', { env: { DATABASE_URL: '', REDIS_URL: '' } })]);
  const day = new Date().toISOString().slice(0, 10);
  for (const path of ['/api/v1/cities', `/api/v1/forecast/berlin/${day}`, `/api/v1/forecast/berlin/${day}`, '/api/v1/nope']) await (await fetch(server.url + path)).arrayBuffer();
  for (const path of ['/users/1', '/orders/2', '/fail', '/nope']) await (await fetch(app.url + path)).arrayBuffer();
});
afterAll(async () => {
  await Promise.all([server?.stop(), app?.stop('SIGKILL')]);
});

function lint(exposition: string): { status: number | null; findings: string } {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8' });
  return { status: r.status, findings: `${r.stdout}${r.stderr}`.trim() };
}

test('the API’s /metrics passes promtool check metrics with no findings', async (t) => {
  if (!requireTool(t, 'promtool')) return;
  const text = await (await fetch(server.metricsUrl)).text();
  assert.match(text, /request_total\{/, 'the scrape holds the RED series');
  assert.match(text, /db_client_connections\{/, 'and the pg pool gauge, under a name promtool accepts');
  assert.doesNotMatch(text, /unknown_host/, 'the pool is named after its host, port and database');
  const { status, findings } = lint(text);
  assert.equal(findings, '', findings);
  assert.equal(status, 0);
});

test('an Express app’s telemetry port passes promtool check metrics with no findings', async (t) => {
  if (!requireTool(t, 'promtool')) return;
  const text = await (await fetch(`${app.telemetryUrl}/metrics`)).text();
  assert.match(text, /request_latency_seconds_bucket\{endpoint="\/users\/:id"/);
  const { status, findings } = lint(text);
  assert.equal(findings, '', findings);
  assert.equal(status, 0);
});
