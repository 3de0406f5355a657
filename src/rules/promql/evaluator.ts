// Walks the checked tree at one instant over a SeriesStore and returns its value.
import type { SeriesStore } from '../scrape/store.js';
import { SET_OPERATORS, type Expr } from './ast.js';
import { aggregate } from './aggregations.js';
import { scalarBinary, setOperation, vectorScalar, vectorVector } from './binary.js';
import { callFunction } from './functions.js';
import { exprKey } from './keys.js';
import { evaluateRangeCall, rangeSelectorArg, UNREAD_MATRIX, type SeriesResults } from './range-call.js';
import { selectInstant, selectRange } from './selectors.js';
import { assertUniqueLabelsets, dropName, mixesNames, type Value } from './values.js';

/** What one evaluation reads. */
export interface EvalContext {
  store: SeriesStore;
  timeMs: number;
  /** How far back an instant selector looks for a sample. */
  lookbackMs: number;
  /**
   * Values of subexpressions at this `timeMs` over the store's current data, by their canonical
   * key (keys.ts); the caller must drop it when either changes. Values are shared, never mutated.
   */
  values?: Map<string, Value>;
  /** Per-series range-function results under the same terms as `values` (see range-call.ts). */
  seriesResults?: SeriesResults;
}

/** Evaluates `e` at `ctx.timeMs`. Throws on the runtime errors Prometheus reports (e.g. duplicate series). */
export function evaluate(e: Expr, ctx: EvalContext): Value {
  // Literals cost nothing and a range vector is read only through its function.
  if (!ctx.values || e.kind === 'number' || e.kind === 'string' || e.kind === 'matrix') return evaluateNode(e, ctx);
  const key = exprKey(e);
  let value = ctx.values.get(key);
  if (!value) ctx.values.set(key, (value = evaluateNode(e, ctx)));
  return value;
}

function evaluateNode(e: Expr, ctx: EvalContext): Value {
  switch (e.kind) {
    case 'number':
      return { type: 'scalar', value: e.value };
    case 'string':
      return { type: 'string', value: e.value };
    case 'vector':
      return { type: 'vector', samples: selectInstant(ctx.store, e, ctx.timeMs, ctx.lookbackMs) };
    case 'matrix':
      return selectRange(ctx.store, e, ctx.timeMs);
    case 'unary': {
      const v = evaluate(e.expr, ctx);
      if (e.op === '+') return v;
      if (v.type === 'scalar') return { type: 'scalar', value: -v.value };
      if (v.type !== 'vector') throw new Error('internal: unary minus on a non-numeric value');
      return { type: 'vector', samples: v.samples.map((s) => ({ labels: dropName(s.labels), value: -s.value })) };
    }
    case 'call': {
      const matrix = rangeSelectorArg(e);
      if (matrix) {
        const args = e.args.map((a) => (a === matrix ? UNREAD_MATRIX : evaluate(a, ctx)));
        return evaluateRangeCall(e, matrix, args, { store: ctx.store, timeMs: ctx.timeMs, results: ctx.seriesResults });
      }
      const args = e.args.map((a) => evaluate(a, ctx));
      const result = callFunction(e, args, ctx.timeMs);
      const input = args.find((a) => a.type === 'vector' || a.type === 'matrix');
      const inputs = input?.type === 'matrix' ? input.series : input?.type === 'vector' ? input.samples : [];
      if (result.type === 'vector' && mixesNames(inputs)) assertUniqueLabelsets(result.samples);
      return result;
    }
    case 'aggregate': {
      const param = e.param ? scalarOf(evaluate(e.param, ctx)) : Number.NaN;
      return { type: 'vector', samples: aggregate(e, vectorOf(evaluate(e.expr, ctx)), param) };
    }
    case 'binary':
      return binary(e, ctx);
  }
}

function binary(e: Extract<Expr, { kind: 'binary' }>, ctx: EvalContext): Value {
  const lhs = evaluate(e.lhs, ctx);
  const rhs = evaluate(e.rhs, ctx);
  if (lhs.type === 'scalar' && rhs.type === 'scalar') return { type: 'scalar', value: scalarBinary(e.op, lhs.value, rhs.value) };
  // Vector-vector results are unique by their matching signatures; a vector-scalar result can
  // repeat a label set only once names are dropped from a vector holding several names.
  if (SET_OPERATORS.has(e.op)) return { type: 'vector', samples: setOperation(e, vectorOf(lhs), vectorOf(rhs)) };
  if (lhs.type !== 'scalar' && rhs.type !== 'scalar') return { type: 'vector', samples: vectorVector(e, vectorOf(lhs), vectorOf(rhs)) };
  const vector = vectorOf(lhs.type === 'scalar' ? rhs : lhs);
  const scalar = lhs.type === 'scalar' ? lhs.value : scalarOf(rhs);
  const samples = vectorScalar(e, vector, scalar, lhs.type === 'scalar');
  if (mixesNames(vector)) assertUniqueLabelsets(samples);
  return { type: 'vector', samples };
}

function vectorOf(v: Value) {
  if (v.type !== 'vector') throw new Error(`internal: instant vector expected, got ${v.type}`);
  return v.samples;
}

function scalarOf(v: Value): number {
  if (v.type !== 'scalar') throw new Error(`internal: scalar expected, got ${v.type}`);
  return v.value;
}
