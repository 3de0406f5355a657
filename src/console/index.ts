// The built-in console at `/ui/`: one static page and its scripts, served by the API itself
// (no separate server, no build step, no framework). The page reads the performance and
// trace APIs from the browser.
import { Hono } from 'hono';
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

/** `GET /ui/` and its assets; mount at the root with `app.route('/', consoleRoutes())`. */
export function consoleRoutes() {
  const app = new Hono();
  app.get('/ui', (c) => c.redirect('/ui/', 301));
  app.get('/ui/:asset{[a-z.]*}', (c) => {
    const asset = assets[c.req.param('asset')];
    if (!asset) return c.notFound();
    return c.body(asset.body, 200, {
      'content-type': asset.type,
      // Assets change only with the package version; revalidating each load is cheap and never stale.
      'cache-control': 'no-cache',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
  });
  return app;
}
