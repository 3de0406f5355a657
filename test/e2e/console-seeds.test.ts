// The console as issue 13's new user read it, in a real headless Chromium against a spawned
// `foresight start` with the snapshots off: the tiles show live figures right after the first
// forecasts (no monitor interval needed), the slow-trace list holds requests and not start-up
// training, a silence is made from an alert-less form and expired again, and an open waterfall
// keeps the page inside a 1400 px window. Skipped like console-live without Chromium.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { openPage, playwright, saveScreenshot } from '../helpers/browser.js';
import { spawnServer } from '../helpers/spawn-server.js';

const TOKEN = 'console-seeds-token';

test('console: live tiles, request traces only, silences, a waterfall that fits', { timeout: 240_000 }, async (t) => {
  const pw = await playwright(t);
  if (!pw) return;
  const server = await spawnServer({ ADMIN_TOKEN: TOKEN, PERFORMANCE_MONITORING_ENABLED: 'false', LOG_LEVEL: 'warn' });
  const cleanup: Array<() => Promise<unknown>> = [async () => server.stop()];
  try {
    const cities = ((await (await fetch(`${server.url}/api/v1/cities`)).json()) as { data: { cities: Array<{ slug: string }> } }).data.cities;
    const day = new Date().toISOString().slice(0, 10);
    for (let i = 0; i < 64; i++) await (await fetch(`${server.url}/api/v1/forecast/${cities[i % cities.length]!.slug}/${day}`)).arrayBuffer();

    const opened = await openPage(pw, { width: 1400, height: 1400 });
    const { page, pageErrors } = opened;
    cleanup.unshift(() => opened.close());
    await page.goto(`${server.url}/ui/?interval=1000`);
    // Live figures although no snapshot was ever taken.
    await page.locator('#tile-rps', { hasText: /^(?!0\.00)\d+(\.\d+)? req\/s$/ }).waitFor({ timeout: 20_000 });
    await page.locator('#tile-p95', { hasText: /ms$/ }).waitFor({ timeout: 20_000 });
    await page.locator('#tile-cache', { hasText: /%$/ }).waitFor({ timeout: 20_000 });
    assert.match((await page.locator('#history-note').textContent()) ?? '', /No samples yet/);

    // Request traces only: start-up training (20 model.train traces) stays out of the list.
    await page.locator('#traces-body a.trace-link').first().waitFor({ timeout: 20_000 });
    const roots = await page.locator('#traces-body a.trace-link').allTextContents();
    assert.ok(roots.length > 0 && roots.every((r) => r.startsWith('GET ')), `trace roots: ${roots.join(', ')}`);

    // A silence from the form, then expired.
    await page.locator('#silences', { hasText: 'No silences' }).waitFor({ timeout: 20_000 });
    await page.fill('#silence-matchers', 'alertname="HighCpuUsage"');
    await page.fill('#silence-comment', 'maintenance window');
    await page.click('#silence-form button[type=submit]');
    await page.locator('#silence-note', { hasText: /admin|UNAUTHORIZED/i }).waitFor({ timeout: 10_000 });
    await page.fill('#silence-token', TOKEN);
    await page.click('#silence-form button[type=submit]');
    const item = page.locator('#silences li.silence', { hasText: 'HighCpuUsage' });
    await item.waitFor({ timeout: 15_000 });
    assert.match((await item.textContent()) ?? '', /maintenance window/);
    const listed = (await (await fetch(`${server.url}/api/v2/silences`)).json()) as Array<{ comment: string }>;
    assert.deepEqual(listed.map((s) => s.comment), ['maintenance window'], 'the same silence in the Alertmanager form');
    await item.locator('button', { hasText: 'Expire' }).click();
    await page.locator('#silences', { hasText: 'No silences' }).waitFor({ timeout: 15_000 });

    // The slowest trace's waterfall keeps the page within the window.
    await page.locator('#traces-body a.trace-link').first().click();
    await page.locator('#waterfall .wf-span').first().waitFor({ timeout: 15_000 });
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 1400, `page is ${width} px wide in a 1400 px window`);

    await saveScreenshot(page, 'console-seeds');
    // The one refused write (no token yet) is logged by the browser; nothing else may be.
    assert.deepEqual(pageErrors.filter((e) => !/status of 401/.test(e)), [], 'no script errors in the page');
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
  }
});
