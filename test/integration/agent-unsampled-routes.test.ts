// Requests the head sampler does not record run with no context at all (the agent's cheap
// path), yet each framework still names their routes in the RED metrics: Express from the
// request, Fastify from its diagnostics channel, Koa through the context our patch links to the
// request, Hono from its router's match. Every fixture app, with OTEL_TRACES_SAMPLER=always_off.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { startAgentApp } from '../fixtures/agent-harness/index.js';
import { requestTotals, scrapeUntil } from '../fixtures/agent-harness/reads.js';

const apps = ['express4-cjs', 'express5-esm', 'fastify5-esm', 'fastify5-cjs', 'koa-esm', 'hono-esm'];

for (const name of apps) {
  test(`${name}: unrecorded requests are measured under their route patterns`, { timeout: 90_000 }, async () => {
    // No DATABASE_URL/REDIS_URL: the routes answer without touching either.
    const app = await startAgentApp(name, { env: { OTEL_TRACES_SAMPLER: 'always_off', DATABASE_URL: '', REDIS_URL: '' } });
    try {
      for (let i = 1; i <= 5; i++) await (await fetch(`${app.url}/users/${i}`)).arrayBuffer();
      for (let i = 1; i <= 3; i++) await (await fetch(`${app.url}/orders/${i}`)).arrayBuffer();
      await (await fetch(`${app.url}/no/such/${Date.now()}`)).arrayBuffer();
      const totals = requestTotals(await scrapeUntil(`${app.telemetryUrl}/metrics`, (s) => (requestTotals(s).get('/orders/:id') ?? 0) >= 3));
      assert.equal(totals.get('/users/:id'), 5, JSON.stringify([...totals.entries()]));
      assert.equal(totals.get('/orders/:id'), 3);
      assert.equal(totals.get('unmatched'), 1);
      const traces = (await (await fetch(`${app.telemetryUrl}/api/v1/traces`)).json()) as { data: { count: number } };
      assert.equal(traces.data.count, 0, 'nothing recorded: the sampler is off and nothing was slow or failed');
    } finally {
      await app.stop('SIGKILL');
    }
  });
}
