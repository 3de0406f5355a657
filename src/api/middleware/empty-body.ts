// `POST` with `Content-Type: application/json` and no body (`curl -X POST -H 'content-type:
// application/json'`, or a fetch without a body) reads as `{}`: an optional body is then simply
// absent, and a required one is refused naming its missing fields rather than as broken JSON.
import type { MiddlewareHandler } from 'hono';

/** Makes an empty JSON body parse as `{}`. */
export function emptyJsonBody(): MiddlewareHandler {
  // Not async: it runs on every API request, and has nothing to do after the handler.
  return function emptyBodyAsObject(c, next) {
    if (c.req.header('content-length') === '0' && /^application\/(?:[\w.-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      // Hono parses JSON from its text cache; seeding it means the body is never read.
      // (Hono types the cache by value; at runtime it holds the promises its readers return.)
      (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve('{}');
    }
    return next();
  };
}
