// The route pattern of a finished request, from whichever framework routed it: the RPC metadata
// that the Express, Koa, Fastify and Hono instrumentations fill in, else what Express leaves on
// the request (`req.baseUrl` + `req.route.path`, so Express 4/5 and Nest name routes even with
// the express instrumentation off). Never the raw path: an unrouted request gets one fixed value.
import type { IncomingMessage } from 'node:http';

/** The `endpoint` of requests no route matched (404s, plain `http` servers). */
export const UNMATCHED = 'unmatched';

interface ExpressRequest extends IncomingMessage {
  baseUrl?: unknown;
  route?: { path?: unknown };
}

function expressRoute(req: ExpressRequest): string | undefined {
  const path = req.route?.path;
  if (path === undefined) return undefined;
  const base = typeof req.baseUrl === 'string' ? req.baseUrl : '';
  // A route given as a RegExp or an array has no template; its source is still bounded.
  const pattern = typeof path === 'string' ? path : Array.isArray(path) ? path.map(String).join('|') : String(path);
  return base + pattern || '/';
}

/** The route pattern for `req`: the framework's RPC route if any, else Express's, else undefined. */
export function resolveRoute(rpcRoute: string | undefined, req: IncomingMessage): string | undefined {
  return rpcRoute ?? expressRoute(req as ExpressRequest);
}
