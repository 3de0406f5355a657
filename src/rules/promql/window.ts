// How far back before its evaluation time an expression reads samples: the widest
// `offset + range` of its selectors. A process that has held samples for less than that answers
// from part of the data, which is enough to raise an alert but not to end one (see the rules
// engine's coverage check).
import type { Expr } from './ast.js';

/**
 * The read window of `e` in ms. `inherited(name)` adds the window behind a selected series,
 * e.g. the range of the recording rule that writes it; an instant selector alone reads 0 back
 * (its latest sample).
 */
export function readWindowMs(e: Expr, inherited: (metric: string | undefined) => number = () => 0): number {
  switch (e.kind) {
    case 'vector':
      return Math.max(0, e.offsetMs + inherited(e.name));
    case 'matrix':
      return Math.max(0, e.selector.offsetMs + e.rangeMs + inherited(e.selector.name));
    case 'number':
    case 'string':
      return 0;
    case 'call':
      return Math.max(0, ...e.args.map((a) => readWindowMs(a, inherited)));
    case 'aggregate':
      return Math.max(readWindowMs(e.expr, inherited), e.param ? readWindowMs(e.param, inherited) : 0);
    case 'binary':
      return Math.max(readWindowMs(e.lhs, inherited), readWindowMs(e.rhs, inherited));
    case 'unary':
      return readWindowMs(e.expr, inherited);
  }
}
