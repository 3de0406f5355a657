// Route names for any Hono app, with no code change and no middleware: each Hono instance's
// `fetch` notes the Node request it serves (@hono/node-server passes it as `env.incoming`), and
// its router's `match`, which `fetch` calls synchronously, writes the matched route pattern onto
// that request, where the HTTP server path reads it when the response ends. A middleware would
// do the same but cost every request a compose() with its closures and promises: Hono answers a
// route with a single handler without one.
import type { IncomingMessage } from 'node:http';
import { InstrumentationBase, InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { kRoute } from '../http-server/route.js';
import { routeOfMatch, type MatchResult } from './route.js';

type Fetch = (request: unknown, env?: unknown, executionCtx?: unknown) => unknown;
type Match = (method: string, path: string) => MatchResult;
interface HonoInstance {
  fetch: Fetch;
  router: { match: Match };
}
type HonoClass = new (...args: unknown[]) => HonoInstance;
type HonoExports = { Hono: HonoClass };

// The request being dispatched: set around the synchronous part of `fetch`, where Hono matches.
let dispatching: (IncomingMessage & { [kRoute]?: string }) | undefined;

/** Makes `app` write its matched routes onto the Node requests it serves. */
export function nameRoutes(app: HonoInstance): void {
  const fetch = app.fetch;
  // Hono's fetch takes (request, env, executionCtx); named, not a rest parameter, as it runs on
  // every request.
  app.fetch = function fetchNamingRoutes(request, env, executionCtx) {
    const outer = dispatching;
    dispatching = (env as { incoming?: IncomingMessage } | undefined)?.incoming;
    try {
      return fetch.call(this, request, env, executionCtx);
    } finally {
      dispatching = outer;
    }
  };
  const router = app.router;
  // SmartRouter replaces its own `match` on first use; an accessor keeps the wrapper in front.
  let match = router.match;
  const matchNamingRoutes: Match = (method, path) => {
    const result = match.call(router, method, path);
    if (dispatching !== undefined && dispatching[kRoute] === undefined) dispatching[kRoute] = routeOfMatch(result);
    return result;
  };
  Object.defineProperty(router, 'match', {
    configurable: true,
    get: () => matchNamingRoutes,
    set: (next: Match) => {
      match = next;
    },
  });
}

function withRouteNaming(Base: HonoClass): HonoClass {
  // Same name as the original, so stack traces and `constructor.name` checks read as before.
  const Hono = class Hono extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      nameRoutes(this);
    }
  };
  return Hono;
}

/** Patches the `hono` module's `Hono` class (ESM through the loader hook, CommonJS through require). */
export class HonoRouteInstrumentation extends InstrumentationBase {
  constructor() {
    super('foresight-hono', '1.0.0', {});
  }

  protected init() {
    return new InstrumentationNodeModuleDefinition('hono', ['>=4.0.0 <5'], (exports: HonoExports) => {
      const Patched = withRouteNaming(exports.Hono);
      try {
        // An ESM namespace from the loader hook takes a new binding.
        exports.Hono = Patched;
      } catch {
        // Hono's CommonJS build exports getters; the module's exports are then replaced by a copy.
      }
      return exports.Hono === Patched ? exports : { ...exports, Hono: Patched };
    });
  }
}
