// Koa routes for requests that are not recorded: the upstream Koa instrumentation names the
// route only under a recorded span, so this links each Koa context to its Node request, where
// the HTTP server path reads `ctx._matchedRoute` (set by @koa/router) when the response ends.
import type { IncomingMessage } from 'node:http';
import { InstrumentationBase, InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { kKoaContext } from '../http-server/route.js';

type CreateContext = (this: unknown, req: IncomingMessage, res: unknown) => object;
interface KoaApplication {
  prototype: { createContext: CreateContext };
}

const kPatched = Symbol.for('foresight.koa.patched');

/** Patches Koa's `Application.prototype.createContext` (ESM and CommonJS share the class). */
export class KoaRouteInstrumentation extends InstrumentationBase {
  constructor() {
    super('foresight-koa-routes', '1.0.0', {});
  }

  protected init() {
    return new InstrumentationNodeModuleDefinition('koa', ['>=2.0.0 <4'], (exports: KoaApplication & { default?: KoaApplication }) => {
      const proto = (exports.default ?? exports).prototype as KoaApplication['prototype'] & { [kPatched]?: boolean };
      if (proto[kPatched]) return exports;
      const original = proto.createContext;
      proto.createContext = function createContext(req, res) {
        const ctx = original.call(this, req, res);
        (req as IncomingMessage & { [kKoaContext]?: object })[kKoaContext] = ctx;
        return ctx;
      };
      proto[kPatched] = true;
      return exports;
    });
  }
}
