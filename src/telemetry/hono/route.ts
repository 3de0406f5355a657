// The route pattern of a Hono request, read from the router's match result without importing
// Hono (the agent must not load the app's framework before the app does).

/** The part of a Hono route the pattern is read from. */
interface RouterRoute {
  path: string;
  method: string;
  handler: { length: number };
}

/** A Hono router's match result: `[[handler, route], params][]` first. */
export type MatchResult = [Array<[[unknown, RouterRoute], unknown]>, ...unknown[]];

/**
 * The route pattern of a match: the last matched route that is a handler rather than
 * middleware (`use` registers method ALL with a `(c, next)` handler), so a request answered
 * by middleware (a 413 from a body limit) still carries its route. Undefined if none matched.
 */
export function routeOfMatch(match: MatchResult | undefined): string | undefined {
  const routes = match?.[0];
  if (!routes) return undefined;
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]![0][1];
    if (route.method !== 'ALL' || route.handler.length < 2) return route.path;
  }
  return undefined;
}

/** The part of a Hono `Context` {@link matchedRoutePattern} reads. */
export interface MatchedContext {
  req: object;
}

const matchSymbols = new WeakMap<object, symbol | null>();

/**
 * The route pattern that matched `c` (see {@link routeOfMatch}). Hono 4 keeps the match result
 * behind an unexported symbol getter on HonoRequest; it is found once per request class.
 */
export function matchedRoutePattern(c: MatchedContext): string | undefined {
  const proto = Object.getPrototypeOf(c.req) as object;
  let symbol = matchSymbols.get(proto);
  if (symbol === undefined) {
    symbol = Object.getOwnPropertySymbols(proto).find((s) => Array.isArray((c.req as Record<symbol, unknown>)[s])) ?? null;
    matchSymbols.set(proto, symbol);
  }
  return symbol === null ? undefined : routeOfMatch((c.req as Record<symbol, MatchResult | undefined>)[symbol]);
}
