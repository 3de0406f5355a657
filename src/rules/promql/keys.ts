// A canonical text of every subexpression, so that one tick evaluates each distinct one once:
// rules share them (a rule compiled per severity repeats its whole expression but the threshold,
// generated rules repeat one aggregation per label value), and an expression's value depends
// only on its text, the evaluation time and the data, which the caller's cache is scoped to.
import type { Expr } from './ast.js';

// Trees are parsed once per expression string and kept (EmbeddedSource), so their keys are too.
const keys = new WeakMap<Expr, string>();

/** The canonical key of `e`: equal for two subtrees exactly when they evaluate alike. */
export function exprKey(e: Expr): string {
  let key = keys.get(e);
  if (key === undefined) keys.set(e, (key = compute(e)));
  return key;
}

function compute(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return Object.is(e.value, -0) ? '-0' : String(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'vector':
      return `{${e.key}}@${e.offsetMs}`;
    case 'matrix':
      return `{${e.selector.key}}@${e.selector.offsetMs}[${e.rangeMs}]`;
    case 'call':
      return `${e.fn}(${e.args.map(exprKey).join(';')})`;
    case 'aggregate':
      return `${e.op} ${e.without ? 'without' : 'by'}(${e.grouping.join(',')})(${e.param ? `${exprKey(e.param)};` : ''}${exprKey(e.expr)})`;
    case 'binary': {
      const m = e.matching;
      const matching = `${m.card} ${m.on ? 'on' : 'ignoring'}(${m.labels.join(',')}) group(${m.include.join(',')})`;
      return `(${exprKey(e.lhs)} ${e.op}${e.returnBool ? ' bool' : ''} ${matching} ${exprKey(e.rhs)})`;
    }
    case 'unary':
      return `${e.op}(${exprKey(e.expr)})`;
  }
}
