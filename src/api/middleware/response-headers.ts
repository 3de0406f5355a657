// Headers every API response carries: answers are per request and may hold per-client data, so
// no cache keeps them (`Cache-Control: no-store`), and a browser must take the JSON as JSON,
// never sniff it into something it would run (`X-Content-Type-Options: nosniff`).
import type { MiddlewareHandler } from 'hono';

const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

/** Sets the API response headers on every answer, errors included. */
export function apiResponseHeaders(): MiddlewareHandler {
  return async function noStoreNoSniff(c, next) {
    // Before: responses the error and not-found handlers build from this context carry them.
    for (const [name, value] of Object.entries(HEADERS)) c.header(name, value);
    await next();
    // After: a response built elsewhere (a sub-app's own Response object) gets them too.
    for (const [name, value] of Object.entries(HEADERS)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  };
}
