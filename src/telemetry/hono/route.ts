// The route pattern a Hono context matched, read from its match result without importing Hono
// (the agent must not load the app's framework before the app does). Hono 4 keeps the match
// result behind an unexported symbol getter on HonoRequest (what `hono/route` reads); it is
// found once per request class, with the deprecated `matchedRoutes` getter as the fallback.

/** The part of a Hono route the pattern is read from. */
interface RouterRoute {
  path: string;
  method: string;
  handler: { length: number };
}

type MatchResult = [Array<[[unknown, RouterRoute], unknown]>, ...unknown[]];

/** The part of a Hono `Context` this reads. */
export interface MatchedContext {
  req: object;
}

const matchSymbols = new WeakMap<object, symbol | null>();

function matchedRoutes(req: object): RouterRoute[] | undefined {
  const proto = Object.getPrototypeOf(req) as object;
  let symbol = matchSymbols.get(proto);
  if (symbol === undefined) {
    symbol = Object.getOwnPropertySymbols(proto).find((s) => Array.isArray((req as Record<symbol, unknown>)[s])) ?? null;
    matchSymbols.set(proto, symbol);
  }
  if (symbol !== null) return ((req as Record<symbol, MatchResult | undefined>)[symbol]?.[0] ?? []).map(([[, route]]) => route);
  return (req as { matchedRoutes?: RouterRoute[] }).matchedRoutes;
}

/**
 * The route pattern that matched `c`: the last matched route that is a handler rather than
 * middleware (`use` registers method ALL with a `(c, next)` handler), so a request answered
 * by middleware (a 413 from a body limit) still carries its route. Undefined if none matched.
 */
export function matchedRoutePattern(c: MatchedContext): string | undefined {
  const routes = matchedRoutes(c.req);
  if (!routes) return undefined;
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!;
    if (route.method !== 'ALL' || route.handler.length < 2) return route.path;
  }
  return undefined;
}
