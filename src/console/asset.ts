// The console's static assets and the headers they are served with, for any server (the API's
// Hono routes, the agent's telemetry port): no framework imported here.
import { appJs } from './assets/app.js';
import { chartsJs } from './assets/charts.js';
import { pageHtml } from './assets/page.js';
import { figuresJs } from './assets/figures.js';
import { itemsJs } from './assets/items.js';
import { routesJs } from './assets/routes.js';
import { silencesJs } from './assets/silences.js';
import { styleCss } from './assets/style.js';
import { waterfallJs } from './assets/waterfall.js';

// Same-origin only, no inline code: the page needs nothing else, and an injected string
// (a span attribute, an alert message) can never run as script.
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A data source of the console: an API the server of the page may or may not answer. */
export type ConsoleSource = 'health' | 'alerts' | 'recommendations' | 'history' | 'live' | 'silences' | 'routes' | 'traces';

/**
 * What the prediction API answers: its performance API (`live` is its current metrics, the
 * tiles' figures from the first request on) and the trace inspection API.
 */
export const apiSources: readonly ConsoleSource[] = ['health', 'alerts', 'recommendations', 'history', 'live', 'silences', 'traces'];

const assets: Record<string, { type: string; body: string }> = {
  '': { type: 'text/html; charset=utf-8', body: pageHtml },
  'app.css': { type: 'text/css; charset=utf-8', body: styleCss },
  'charts.js': { type: 'text/javascript; charset=utf-8', body: chartsJs },
  'figures.js': { type: 'text/javascript; charset=utf-8', body: figuresJs },
  'items.js': { type: 'text/javascript; charset=utf-8', body: itemsJs },
  'routes.js': { type: 'text/javascript; charset=utf-8', body: routesJs },
  'silences.js': { type: 'text/javascript; charset=utf-8', body: silencesJs },
  'waterfall.js': { type: 'text/javascript; charset=utf-8', body: waterfallJs },
  'app.js': { type: 'text/javascript; charset=utf-8', body: appJs },
};

/**
 * The asset `/ui/<name>` ('' for the page) with its response headers; undefined if there is none.
 * `sources.json` tells the page which of its data sources this server answers, so that it
 * polls only those and hides the panels of the others (the agent's port has no alerts).
 */
export function consoleAsset(name: string, sources: readonly ConsoleSource[] = apiSources): { body: string; headers: Record<string, string> } | undefined {
  const asset =
    name === 'sources.json'
      ? { type: 'application/json; charset=utf-8', body: JSON.stringify({ sources }) }
      : Object.hasOwn(assets, name)
        ? assets[name]
        : undefined;
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

