// The built-in console at `/ui/`: one static page and its scripts, served by the API itself
// (no separate server, no build step, no framework). The page reads the performance and
// trace APIs from the browser.
import { Hono } from 'hono';
import { consoleAsset } from './asset.js';

export { consoleAsset } from './asset.js';

/** `GET /ui/` and its assets; mount at the root with `app.route('/', consoleRoutes())`. */
export function consoleRoutes() {
  const app = new Hono();
  app.get('/ui', (c) => c.redirect('/ui/', 301));
  app.get('/ui/:asset{[a-z.]*}', (c) => {
    const asset = consoleAsset(c.req.param('asset'));
    return asset ? c.body(asset.body, 200, asset.headers) : c.notFound();
  });
  return app;
}
