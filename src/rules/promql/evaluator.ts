// Walks the checked tree at one instant over a SeriesStore and returns its value.
import type { SeriesStore } from '../scrape/store.js';
import { SET_OPERATORS, type Expr } from './ast.js';
import { aggregate } from './aggregations.js';
import { scalarBinary, setOperation, vectorScalar, vectorVector } from './binary.js';
import { callFunction } from './functions.js';
import { selectInstant, selectRange } from './selectors.js';
import { assertUniqueLabelsets, dropName, type Value } from './values.js';

/** What one evaluation reads. */
export interface EvalContext {
  store: SeriesStore;
  timeMs: number;
  /** How far back an instant selector looks for a sample. */
  lookbackMs: number;
}

/** Evaluates `e` at `ctx.timeMs`. Throws on the runtime errors Prometheus reports (e.g. duplicate series). */
export function evaluate(e: Expr, ctx: EvalContext): Value {
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
      const result = callFunction(e, e.args.map((a) => evaluate(a, ctx)), ctx.timeMs);
      if (result.type === 'vector') assertUniqueLabelsets(result.samples);
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
  let samples;
  if (SET_OPERATORS.has(e.op)) samples = setOperation(e, vectorOf(lhs), vectorOf(rhs));
  else if (lhs.type === 'scalar') samples = vectorScalar(e, vectorOf(rhs), lhs.value, true);
  else if (rhs.type === 'scalar') samples = vectorScalar(e, vectorOf(lhs), rhs.value, false);
  else samples = vectorVector(e, vectorOf(lhs), vectorOf(rhs));
  assertUniqueLabelsets(samples);
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
