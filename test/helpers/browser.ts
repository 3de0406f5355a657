// Headless Chromium for the console's end-to-end tests: Debian's chromium (CHROMIUM_PATH)
// driven through playwright-core. A missing browser or library skips the test with the reason
// shown, unless FORESIGHT_REQUIRE_SERVICES=1, where it fails.
import fs from 'node:fs';
import path from 'node:path';
import type { TestContext } from 'vitest';
import type { Page } from 'playwright-core';

type Playwright = typeof import('playwright-core');
import { repoRoot } from './spawn-server.js';

const required = process.env.FORESIGHT_REQUIRE_SERVICES === '1';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Skips `t` with `reason` (vitest's skip ends the test there), or throws it when the services are required. */
export function skipOrFail(t: TestContext, reason: string): void {
  if (required) throw new Error(`${reason} (FORESIGHT_REQUIRE_SERVICES=1)`);
  t.skip(reason);
}

/** A page in its own headless browser. */
export interface BrowserPage {
  page: Page;
  /** Uncaught script errors and console errors of the page so far. */
  pageErrors: string[];
  close: () => Promise<void>;
}

/** playwright-core, once chromium is known to be there; undefined (with `t` skipped) when either is missing. */
export async function playwright(t: TestContext): Promise<Playwright | undefined> {
  if (!fs.existsSync(chromiumPath)) return void skipOrFail(t, `chromium not found at ${chromiumPath} (Debian: apt-get install -y chromium; or set CHROMIUM_PATH)`);
  try {
    return await import('playwright-core');
  } catch {
    return void skipOrFail(t, 'playwright-core is not installed (npm install)');
  }
}

/** Opens a page at `viewport` in a new headless chromium. */
export async function openPage(pw: Playwright, viewport: { width: number; height: number }): Promise<BrowserPage> {
  const browser = await pw.chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && pageErrors.push(msg.text()));
  return { page, pageErrors, close: () => browser.close() };
}

/** Saves the whole page as test/artifacts/`name`.png; returns the path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(repoRoot, 'test/artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const shot = path.join(dir, `${name}.png`);
  await page.screenshot({ path: shot, fullPage: true });
  return shot;
}
