// The vocabulary of lezer-promql's syntax tree that the parser maps: expression nodes,
// refused constructs, operators and aggregations.
import type { BinaryOp } from './ast.js';

/** Syntax node types that are expressions. */
export const EXPR_NODES = new Set([
  'AggregateExpr', 'BinaryExpr', 'FunctionCall', 'MatrixSelector', 'NumberDurationLiteral', 'OffsetExpr', 'AnchoredExpr',
  'SmoothedExpr', 'ParenExpr', 'StringLiteral', 'SubqueryExpr', 'UnaryExpr', 'VectorSelector', 'StepInvariantExpr',
]);
/** Node types the embedded evaluator refuses, with the construct's name for the message. */
export const UNSUPPORTED_NODES: Record<string, string> = {
  SubqueryExpr: 'subquery', StepInvariantExpr: '@ modifier', AnchoredExpr: 'anchored modifier',
  SmoothedExpr: 'smoothed modifier', FillModifier: 'fill modifier',
};
/** Operator node names of lezer-promql and the operators they stand for. */
export const BINARY_OPS: Record<string, BinaryOp> = {
  Add: '+', Sub: '-', Mul: '*', Div: '/', Mod: '%', Pow: '^', Eql: '==', Neq: '!=', Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=',
  And: 'and', Or: 'or', Unless: 'unless',
};
/** The aggregations the embedded evaluator implements. */
export const SUPPORTED_AGGREGATIONS = ['sum', 'avg', 'max', 'min', 'count', 'group', 'stddev', 'stdvar', 'quantile', 'topk', 'bottomk'] as const;
export const AGGREGATE_OPS = new Set<string>(SUPPORTED_AGGREGATIONS);
