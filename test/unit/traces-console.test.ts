// The console's static files: routes, headers (CSP without inline code), every asset the page
// references is served, every script parses, and sources.json names the APIs the server answers.
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { test } from 'vitest';
import { consoleRoutes } from '../../src/console/index.js';

const app = consoleRoutes();

test('/ui redirects to /ui/, which serves the page with a strict CSP', async () => {
  const redirect = await app.request('/ui');
  assert.equal(redirect.status, 301);
  assert.equal(redirect.headers.get('location'), '/ui/');
  const res = await app.request('/ui/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^text\/html/);
  const csp = res.headers.get('content-security-policy')!;
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const html = await res.text();
  assert.match(html, /<title>foresight console<\/title>/);
  assert.doesNotMatch(html, /<script>|onclick=|onsubmit=|style="/, 'no inline code or style for the CSP to block');
});

test('every asset the page references is served with its type, and every script parses', async () => {
  const html = await (await app.request('/ui/')).text();
  const refs = [...html.matchAll(/(?:src|href)="([a-z.]+)"/g)].map((m) => m[1]!);
  assert.deepEqual(refs.sort(), ['app.css', 'app.js', 'charts.js', 'figures.js', 'items.js', 'routes.js', 'silences.js', 'waterfall.js']);
  for (const ref of refs) {
    const res = await app.request(`/ui/${ref}`);
    assert.equal(res.status, 200, ref);
    assert.match(res.headers.get('content-type')!, ref.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const text = await res.text();
    if (ref.endsWith('.js')) assert.doesNotThrow(() => new vm.Script(text, { filename: ref }), ref);
  }
});

test('the page has the panels the scripts fill in', async () => {
  const html = await (await app.request('/ui/')).text();
  const scripts = await Promise.all(['app.js', 'figures.js', 'items.js', 'routes.js', 'silences.js'].map(async (s) => (await app.request(`/ui/${s}`)).text()));
  const js = scripts.join('\n');
  const ids = [...js.matchAll(/\$\('([a-z0-9-]+)'\)/g)].map((m) => m[1]!);
  assert.ok(ids.length > 15);
  for (const id of new Set(ids)) assert.match(html, new RegExp(`id="${id}"`), `#${id} used by app.js is missing from the page`);
});

test("sources.json names the console's data sources the server answers: the API's by default", async () => {
  const res = await app.request('/ui/sources.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^application\/json/);
  assert.deepEqual(await res.json(), { sources: ['health', 'alerts', 'recommendations', 'history', 'live', 'silences', 'traces'] });
  const agentLike = consoleRoutes({ sources: ['routes', 'traces'] });
  assert.deepEqual(await (await agentLike.request('/ui/sources.json')).json(), { sources: ['routes', 'traces'] });
});

test('unknown assets answer 404', async () => {
  assert.equal((await app.request('/ui/secret.txt')).status, 404);
  assert.equal((await app.request('/ui/../package.json')).status, 404);
});
