// The console's static assets and the headers they are served with, for any server (the API's
// Hono routes, the agent's telemetry port): no framework imported here.
import { appJs } from './assets/app.js';
import { chartsJs } from './assets/charts.js';
import { pageHtml } from './assets/page.js';
import { styleCss } from './assets/style.js';
import { waterfallJs } from './assets/waterfall.js';

// Same-origin only, no inline code: the page needs nothing else, and an injected string
// (a span attribute, an alert message) can never run as script.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const assets: Record<string, { type: string; body: string }> = {
  '': { type: 'text/html; charset=utf-8', body: pageHtml },
  'app.css': { type: 'text/css; charset=utf-8', body: styleCss },
  'charts.js': { type: 'text/javascript; charset=utf-8', body: chartsJs },
  'waterfall.js': { type: 'text/javascript; charset=utf-8', body: waterfallJs },
  'app.js': { type: 'text/javascript; charset=utf-8', body: appJs },
};

/** The asset `/ui/<name>` ('' for the page) with its response headers; undefined if there is none. */
export function consoleAsset(name: string): { body: string; headers: Record<string, string> } | undefined {
  const asset = Object.hasOwn(assets, name) ? assets[name] : undefined;
  if (!asset) return undefined;
  return {
    body: asset.body,
    headers: {
      'content-type': asset.type,
      // Assets change only with the package version; revalidating each load is cheap and never stale.
      'cache-control': 'no-cache',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  };
}

