// Route names for any Hono app, with no code change: every Hono instance gets, as its first
// middleware, a function that writes the matched route pattern into the request's RPC metadata
// (as the Express and Koa instrumentations do), where the http server path reads it for the
// span name, `http.route` and the RED metrics' `endpoint`.
import { context } from '@opentelemetry/api';
import { getRPCMetadata, RPCType } from '@opentelemetry/core';
import { InstrumentationBase, InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { matchedRoutePattern, type MatchedContext } from './route.js';

type HonoClass = new (...args: unknown[]) => { use(handler: (c: MatchedContext, next: () => Promise<void>) => Promise<void>): unknown };
type HonoExports = { Hono: HonoClass };

// Runs before the app's own middleware; the match result is known before any handler runs.
/** The middleware every Hono instance gets (exported for tests that build a Hono app in-process). */
export function foresightRoute(c: MatchedContext, next: () => Promise<void>): Promise<void> {
  const rpc = getRPCMetadata(context.active());
  if (rpc?.type === RPCType.HTTP && rpc.route === undefined) {
    const route = matchedRoutePattern(c);
    if (route !== undefined) rpc.route = route;
  }
  return next();
}

function withRouteNaming(Base: HonoClass): HonoClass {
  // Same name as the original, so stack traces and `constructor.name` checks read as before.
  const Hono = class Hono extends Base {
    constructor(...args: unknown[]) {
      super(...args);
      this.use(foresightRoute);
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
