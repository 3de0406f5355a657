// The route pattern of a finished request, from whichever framework routed it. A recorded
// request carries RPC metadata in its context, which the Express, Koa, Fastify and Hono
// instrumentations fill in. An unrecorded one has no context at all (see context.ts), so the
// frameworks' routes are also read off the request itself: the slot `kRoute` (written by our
// Hono middleware and from Fastify's diagnostics channel), the Koa context our Koa patch links
// to the request (`ctx._matchedRoute` from @koa/router), and what Express leaves on it
// (`req.baseUrl` + `req.route.path`, Express 4/5 and Nest). Never the raw path: an unrouted
// request gets one fixed value.
import type { IncomingMessage } from 'node:http';

/** The `endpoint` of requests no route matched (404s, plain `http` servers). */
export const UNMATCHED = 'unmatched';

/** Where a framework hook writes the route pattern of a request it routed. */
export const kRoute = Symbol.for('foresight.http.route');
/** The Koa context of a request, linked by the Koa patch. */
export const kKoaContext = Symbol.for('foresight.koa.context');

interface RoutedRequest extends IncomingMessage {
  [kRoute]?: string;
  [kKoaContext]?: { _matchedRoute?: unknown };
  baseUrl?: unknown;
  route?: { path?: unknown };
}

// A route path that is not a string: a RegExp (its source) or anything else by its own toString.
const patternText = (p: unknown): string => (p instanceof RegExp ? p.toString() : typeof p === 'string' ? p : JSON.stringify(p) ?? 'route');

function expressRoute(req: RoutedRequest): string | undefined {
  const path = req.route?.path;
  if (path === undefined) return undefined;
  const base = typeof req.baseUrl === 'string' ? req.baseUrl : '';
  // A route given as a RegExp or an array has no template; its source is still bounded.
  const pattern = typeof path === 'string' ? path : Array.isArray(path) ? path.map(patternText).join('|') : patternText(path);
  return base + pattern || '/';
}

/** The route pattern for `req`: the framework's RPC route if any, else one read off the request. */
export function resolveRoute(rpcRoute: string | undefined, request: IncomingMessage): string | undefined {
  if (rpcRoute !== undefined) return rpcRoute;
  const req = request as RoutedRequest;
  const koa = req[kKoaContext]?._matchedRoute;
  return req[kRoute] ?? (koa === undefined ? undefined : patternText(koa)) ?? expressRoute(req);
}
