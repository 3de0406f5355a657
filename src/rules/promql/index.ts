// Public entry of the embedded PromQL evaluator: the QuerySource, the parser/checker, and the
// lower-level evaluation entry for tools and benchmarks.
export { EmbeddedSource, type EmbeddedSourceOptions } from './source.js';
export { parsePromQL, PromQLError } from './parse.js';
export { evaluate, type EvalContext } from './evaluator.js';
export { readWindowMs } from './window.js';
export { SIGNATURES } from './signatures.js';
export type { Expr, ValueType } from './ast.js';
export type { Value } from './values.js';

/** Aggregation operators the embedded evaluator supports (for docs and `rules check`). */
export { SUPPORTED_AGGREGATIONS } from './grammar.js';
