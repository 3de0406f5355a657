// The built-in console at `/ui/`: one static page and its scripts, served by the API itself
// (no separate server, no build step, no framework). The page reads the performance and
// trace APIs from the browser.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { apiSources, consoleAsset, type ConsoleSource } from './asset.js';

export { apiSources, consoleAsset, type ConsoleSource } from './asset.js';

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

const redirect = createRoute({ method: 'get', path: '/ui', summary: 'Redirects to /ui/', responses: { 301: { description: 'to /ui/' } } });
const page = createRoute({ method: 'get', path: '/ui/', summary: 'The console', responses: { 200: html('the page') } });
const asset = createRoute({
  method: 'get',
  path: '/ui/{asset}',
  summary: "The console's scripts, style sheet and sources.json (the data sources this server answers)",
  request: { params: z.object({ asset: z.string().regex(/^[a-z.]+$/) }) },
  responses: {
    200: { description: 'the asset', content: { 'text/javascript': { schema: z.string() }, 'text/css': { schema: z.string() }, 'application/json': { schema: z.object({ sources: z.array(z.string()) }) } } },
    404: { description: 'no such asset' },
  },
});

/**
 * `GET /ui/` and its assets; mount at the root with `app.route('/', consoleRoutes())`. `sources`:
 * the console's data sources the app answers (by default the prediction API's).
 */
export function consoleRoutes(options: { sources?: readonly ConsoleSource[] } = {}) {
  const app = new OpenAPIHono();
  const sources = options.sources ?? apiSources;
  const serve = (name: string) => {
    const found = consoleAsset(name, sources);
    return found ? new Response(found.body, { status: 200, headers: found.headers }) : undefined;
  };
  app.openapi(redirect, (c) => c.redirect('/ui/', 301));
  app.openapi(page, () => serve('')!);
  // An asset name that does not validate falls through to the 404 of the app.
  app.openapi(asset, (c) => serve(c.req.valid('param').asset) ?? c.notFound(), (result, c) => (result.success ? undefined : c.notFound()));
  return app;
}
