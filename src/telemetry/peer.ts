// Loads a package that one of our declared dependencies declares, from that dependency's own
// folder. `import-in-the-middle` must be the very copy `@opentelemetry/instrumentation` uses
// (its hooks and the loader talk through module state), and the AsyncLocalStorage context
// manager ships with `@opentelemetry/sdk-node`; resolving them through their declaring package
// keeps that true under any install layout, without our package.json naming them.
import { createRequire } from 'node:module';

/** `require(target)` as seen from the installed `anchor` package. */
export function requireVia<T>(anchor: string, target: string): T {
  const anchorMain = import.meta.resolve(anchor);
  return createRequire(anchorMain)(target) as T;
}
