// The console in a real headless Chromium (Debian's chromium through playwright-core) against
// a spawned `foresight start` under traffic: the live panels fill in, an alert and its
// recommendation appear after a threshold is lowered through the API, a trace's waterfall
// opens from the slow-trace list, and a screenshot is saved under test/artifacts/.
// Skipped with the reason shown when chromium or playwright-core is missing, unless
// FORESIGHT_REQUIRE_SERVICES=1.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { openPage, playwright, saveScreenshot } from '../helpers/browser.js';
import { repoRoot, spawnServer } from '../helpers/spawn-server.js';

const TOKEN = 'console-e2e-token';

/** The shipped rules, evaluated every second, with PredictionLatencyHigh firing after 1 s instead of 5 min. */
function fastRules(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-e2e-rules-'));
  fs.cpSync(path.join(repoRoot, 'alert-rules'), dir, { recursive: true });
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const p = path.join(dir, file);
    let text = fs.readFileSync(p, 'utf8').replace(/interval: 30s/g, 'interval: 1s');
    if (file === 'api.yaml') text = text.replace(/(- alert: PredictionLatencyHigh[\s\S]*?)for: 5m/, '$1for: 1s');
    fs.writeFileSync(p, text);
  }
  return dir;
}

/** Forecast requests on `concurrency` loops until stopped: misses first, then hits. */
function traffic(base: string, slugs: string[], concurrency = 4) {
  let stopped = false;
  let sent = 0;
  const days = [1, 2, 3].map((d) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10));
  const loop = async () => {
    while (!stopped) {
      const i = sent++;
      const city = slugs[i % slugs.length]!;
      const day = days[Math.floor(i / slugs.length) % days.length]!;
      await fetch(`${base}/api/v1/forecast/${city}/${day}`).then((r) => r.arrayBuffer(), () => undefined);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return { stop: async () => ((stopped = true), await Promise.all(loops)), sent: () => sent };
}

test('console: live panels, an alert and a recommendation appear, a trace waterfall opens', { timeout: 300_000 }, async (t) => {
  const pw = await playwright(t);
  if (!pw) return;
  const rulesDir = fastRules();
  const server = await spawnServer({
    ADMIN_TOKEN: TOKEN,
    RULES_DIR: rulesDir,
    SCRAPE_INTERVAL_MS: '1000',
    PERFORMANCE_MONITORING_INTERVAL: '1000',
    LOG_LEVEL: 'warn',
  });
  const cleanup: Array<() => Promise<unknown>> = [async () => server.stop(), async () => fs.rmSync(rulesDir, { recursive: true, force: true })];
  try {
    for (const p of ['/ui/', '/api/v1/traces', '/api/v1/performance/health']) {
      const status = (await fetch(server.url + p)).status;
      // A route the server must answer is a failure when missing, in CI or not: never a skip.
      assert.notEqual(status, 404, `${p} answers 404: the console, trace routes or performance API are not wired into the server`);
    }
    const cities = (await (await fetch(`${server.url}/api/v1/cities`)).json()) as { data: { cities: Array<{ slug: string }> } };
    const load = traffic(server.url, cities.data.cities.map((c) => c.slug));
    cleanup.unshift(load.stop);

    const { page, pageErrors, close } = await openPage(pw, { width: 1400, height: 1600 });
    cleanup.unshift(close);
    await page.goto(`${server.url}/ui/?interval=1000`);
    await page.locator('#health-score', { hasText: /^\d+$/ }).waitFor({ timeout: 30_000 });
    await page.locator('#traces-body a.trace-link').first().waitFor({ timeout: 30_000 });
    // The API answers no per-route RED view (sources.json does not name it): that panel stays hidden.
    assert.equal(await page.locator('#routes-panel').isHidden(), true, 'no Routes panel on the API');
    assert.equal(await page.locator('#tile-cache-box').isVisible(), true, 'the cache tile of the API');

    // Lower the prediction latency warning level so that the running traffic fires the alert.
    const put = await fetch(`${server.url}/api/v1/performance/thresholds`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prediction_latency: { warning: 0.001 } }),
    });
    assert.equal(put.status, 200, await put.text());

    const alert = page.locator('#alerts li.alert', { hasText: 'PredictionLatencyHigh' }).filter({ hasText: 'firing' }).first();
    await alert.waitFor({ timeout: 90_000 });
    // Its severity badge; a second one says `inhibited` when a critical alert fired too (under load).
    const badges = await alert.locator('.badge').allTextContents();
    assert.ok(badges.some((b) => /^(warning|critical)$/.test(b)), `badges: ${badges.join(', ')}`);
    const recommendation = page.locator('#recommendations li.recommendation', { hasText: 'Prediction latency above target' }).first();
    await recommendation.waitFor({ timeout: 30_000 });
    assert.ok(((await recommendation.textContent()) ?? '').length > 20);
    await page.locator('#chart-latency path.line').first().waitFor({ timeout: 30_000 });
    await page.locator('#chart-rate path.line').first().waitFor({ timeout: 30_000 });

    // The slowest trace of the list with child spans: a cache miss, from the HTTP span down to
    // inference. (On a loaded machine the slowest of all can be a request the tail decision kept
    // alone: a server span without children, as the head sampler recorded none.)
    const withChildren = page.locator('#traces-body tr').filter({ has: page.locator('td:nth-child(3)', { hasText: /^([2-9]|\d{2,})$/ }) });
    await withChildren.first().locator('a.trace-link').click();
    await page.locator('#waterfall .wf-span').first().waitFor({ timeout: 15_000 });
    const spans = await page.locator('#waterfall .wf-span').count();
    assert.ok(spans >= 2, `waterfall shows ${spans} spans`);
    assert.ok((await page.locator('#waterfall .wf-span.critical-path').count()) >= 2, 'critical path marked');
    await page.locator('#waterfall .wf-span summary').first().click();
    await page.locator('#waterfall .wf-span[open] dl.attrs').first().waitFor();

    const shot = await saveScreenshot(page, 'console-live');
    assert.ok(fs.statSync(shot).size > 10_000, 'screenshot written');
    await t.annotate(`screenshot: ${shot}; ${load.sent()} requests sent; ${spans} spans in the opened trace`);
    assert.deepEqual(pageErrors, [], 'no script errors in the page');
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
});
