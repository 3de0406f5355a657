// The console on the telemetry port of an app that knows nothing of foresight: the Express 5
// fixture under `node --import foresight/register`, in a real headless Chromium (Debian's
// chromium through playwright-core), under traffic. The Routes panel lists the route patterns
// with non-zero rates, the 5xx route with its error share, the charts draw from the RED view,
// the API-only panels (health, alerts) are hidden rather than failing, a route's traces open
// in the waterfall, and a screenshot is saved under test/artifacts/.
// Skipped with the reason shown when chromium or playwright-core is missing, unless
// FORESIGHT_REQUIRE_SERVICES=1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'vitest';
import { startAgentApp } from '../fixtures/agent-harness/index.js';
import { openPage, playwright, saveScreenshot } from '../helpers/browser.js';
import { reachable, testDatabaseUrl, testRedisUrl } from '../helpers/services.js';
import { waitFor } from '../helpers/wait-for.js';

/** Requests on `concurrency` loops until stopped: users and orders by many ids, and a failing route. */
function traffic(base: string, concurrency = 3) {
  let stopped = false;
  let sent = 0;
  const loop = async () => {
    while (!stopped) {
      const i = sent++;
      const path = i % 6 === 5 ? '/fail' : i % 2 === 0 ? `/users/${i % 97}` : `/orders/${i % 89}`;
      await fetch(`${base}${path}`).then((r) => r.arrayBuffer(), () => undefined);
      await new Promise((r) => setTimeout(r, 15));
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return { stop: async () => ((stopped = true), await Promise.all(loops)), sent: () => sent };
}

/** The number at the start of a cell such as `12.3`, `50.0 %` or `1.25 ms`. */
const numberIn = (text: string | null) => Number.parseFloat((text ?? '').replace(/[^0-9.]/g, ''));

test('console on an instrumented Express app: routes with rates, no API-only panels, a trace waterfall', { timeout: 300_000 }, async (t) => {
  const pw = await playwright(t);
  if (!pw) return;
  // A pg query under each /users/:id and a Redis GET under each /orders/:id, where those services run.
  const [pg, redis] = await Promise.all([reachable(testDatabaseUrl), reachable(testRedisUrl)]);
  const app = await startAgentApp('express5-esm', {
    env: { ...(pg ? { DATABASE_URL: testDatabaseUrl } : {}), ...(redis ? { REDIS_URL: testRedisUrl } : {}) },
  });
  const cleanup: Array<() => Promise<unknown>> = [() => app.stop('SIGKILL')];
  try {
    const load = traffic(app.url);
    cleanup.unshift(load.stop);

    // The view itself: route patterns only, each with a rate.
    await new Promise((r) => setTimeout(r, 2000));
    const view = (await (await fetch(`${app.telemetryUrl}/api/v1/routes`)).json()) as any;
    assert.equal(view.status, 'success');
    const endpoints = view.data.routes.map((r: any) => `${r.method} ${r.endpoint}`).sort();
    assert.deepEqual(endpoints, ['GET /fail', 'GET /orders/:id', 'GET /users/:id'], app.output());
    for (const r of view.data.routes) assert.ok(r.request_rate > 0, `${r.endpoint}: ${JSON.stringify(r)}`);

    const { page, pageErrors, close } = await openPage(pw, { width: 1400, height: 1300 });
    cleanup.unshift(close);
    await page.goto(`${app.telemetryUrl}/ui/?interval=1000`);

    // Every route pattern in the Routes panel with a non-zero request rate; the failing one at 100 % errors.
    const rows = page.locator('#routes-body tr');
    for (const endpoint of ['/users/:id', '/orders/:id', '/fail']) {
      const row = rows.filter({ has: page.locator('.endpoint', { hasText: new RegExp(`^${endpoint}$`) }) });
      await row.waitFor({ timeout: 30_000 });
      const rate = numberIn(await row.locator('td').nth(1).textContent());
      assert.ok(rate > 0, `${endpoint}: ${rate} req/s`);
      assert.match((await row.locator('td').nth(4).textContent()) ?? '', /ms$/, `${endpoint}: a p95`);
    }
    const fail = rows.filter({ has: page.locator('.endpoint', { hasText: /^\/fail$/ }) });
    assert.equal(numberIn(await fail.locator('td').nth(2).textContent()), 100, '/fail answers 500');
    assert.equal(await page.locator('#routes-body .endpoint', { hasText: /\/users\/\d/ }).count(), 0, 'patterns, never raw paths');

    // The prediction API's panels are not there, and nothing says "Unavailable".
    for (const id of ['#health', '#alerts-panel', '#figure-cache', '#tile-cache-box', '#trace-own-label']) assert.equal(await page.locator(id).isHidden(), true, `${id} hidden`);
    assert.equal(await page.locator('#recommendations-panel').isVisible(), true, 'trace-based recommendations stay');
    assert.equal(await page.getByText('Unavailable').count(), 0);
    assert.doesNotMatch((await page.locator('#updated').textContent()) ?? '', /unavailable/);

    // The charts of every route: a line once the ring holds two snapshots (5 s apart); the tiles filled in.
    await page.locator('#chart-rate path.line').first().waitFor({ timeout: 30_000 });
    await page.locator('#chart-latency path.line').first().waitFor({ timeout: 30_000 });
    await page.locator('#routes-body svg.spark path.line').first().waitFor({ timeout: 10_000 });
    assert.match((await page.locator('#charts-scope').textContent()) ?? '', /all routes/);
    assert.ok(numberIn(await page.locator('#tile-rps').textContent()) > 0, 'requests tile');

    // A route selected: its charts, its traces; the slowest of them opens in the waterfall.
    await page.locator('#routes-body button.route-pick', { hasText: '/users/:id' }).click();
    await page.locator('#charts-scope', { hasText: 'GET /users/:id' }).waitFor({ timeout: 10_000 });
    await page.locator('#trace-route', { hasText: '/users/:id' }).waitFor();
    // Polled through locators, not page.waitForFunction: a predicate string is evaluated in the
    // page, which the console's CSP (script-src 'self') refuses.
    const traceLinks = page.locator('#traces-body a.trace-link');
    // The names last seen go into the failure: on a loaded machine this wait once ran out.
    let seen: string[] = [];
    await waitFor(
      'the trace list to hold only GET /users/:id',
      async () => {
        seen = await traceLinks.allTextContents();
        return seen.length > 0 && seen.every((name) => name === 'GET /users/:id');
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    ).catch((err: Error) => {
      throw new Error(`${err.message}; the list held: ${JSON.stringify(seen)}`);
    });
    await page.locator('#traces-body a.trace-link').first().click();
    await page.locator('#waterfall .wf-span').first().waitFor({ timeout: 15_000 });
    assert.match((await page.locator('#waterfall .wf-head strong').textContent()) ?? '', /^GET \/users\/:id$/);
    const spans = await page.locator('#waterfall .wf-span').count();
    if (pg) assert.ok(spans >= 2, `the pg query under the request: ${spans} spans`);
    await page.locator('#waterfall .wf-span summary').first().click();
    await page.locator('#waterfall .wf-span[open] dl.attrs').first().waitFor();

    // The whole page, scrolled back to the top with the route still selected.
    await page.evaluate('window.scrollTo(0, 0)');
    const shot = await saveScreenshot(page, 'console-agent');
    assert.ok(fs.statSync(shot).size > 10_000, 'screenshot written');
    await t.annotate(`screenshot: ${shot}; ${load.sent()} requests sent; ${spans} spans in the opened trace; pg ${pg ? 'on' : 'off'}, redis ${redis ? 'on' : 'off'}`);
    assert.deepEqual(pageErrors, [], 'no script errors in the page');
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
});
