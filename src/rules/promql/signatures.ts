// Argument and return types of the functions the embedded evaluator implements; the parser
// checks calls against them so that a type error is reported by `check`, not at evaluation.
import type { ValueType } from './ast.js';

/** A function's signature; arguments after `minArgs` are optional. */
export interface FunctionSignature {
  args: ValueType[];
  minArgs: number;
  ret: ValueType;
}

const sig = (args: ValueType[], ret: ValueType, minArgs = args.length): FunctionSignature => ({ args, minArgs, ret });
const vectorFn = sig(['vector'], 'vector');
const rangeFn = sig(['matrix'], 'vector');

/** Every supported function by name. */
export const SIGNATURES: Readonly<Record<string, FunctionSignature>> = {
  abs: vectorFn,
  ceil: vectorFn,
  floor: vectorFn,
  sqrt: vectorFn,
  sgn: vectorFn,
  round: sig(['vector', 'scalar'], 'vector', 1),
  clamp: sig(['vector', 'scalar', 'scalar'], 'vector'),
  clamp_min: sig(['vector', 'scalar'], 'vector'),
  clamp_max: sig(['vector', 'scalar'], 'vector'),
  absent: vectorFn,
  absent_over_time: rangeFn,
  present_over_time: rangeFn,
  scalar: sig(['vector'], 'scalar'),
  vector: sig(['scalar'], 'vector'),
  time: sig([], 'scalar'),
  sort: vectorFn,
  sort_desc: vectorFn,
  rate: rangeFn,
  irate: rangeFn,
  increase: rangeFn,
  delta: rangeFn,
  idelta: rangeFn,
  deriv: rangeFn,
  changes: rangeFn,
  resets: rangeFn,
  predict_linear: sig(['matrix', 'scalar'], 'vector'),
  avg_over_time: rangeFn,
  min_over_time: rangeFn,
  max_over_time: rangeFn,
  sum_over_time: rangeFn,
  count_over_time: rangeFn,
  last_over_time: rangeFn,
  stddev_over_time: rangeFn,
  stdvar_over_time: rangeFn,
  quantile_over_time: sig(['scalar', 'matrix'], 'vector'),
  histogram_quantile: sig(['scalar', 'vector'], 'vector'),
};
