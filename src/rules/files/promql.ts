// Syntax check of PromQL expressions with Prometheus' own Lezer grammar (the one its UI uses),
// so a typo is reported when the file is loaded, at its line, not at the first evaluation.
import { parser } from '@prometheus-io/lezer-promql';

/** A syntax problem at `offset` (0-based) in the expression. */
export interface PromqlProblem {
  offset: number;
  reason: string;
}

/** The first syntax error of `expr`, or undefined when it parses. */
export function checkPromql(expr: string): PromqlProblem | undefined {
  if (expr.trim() === '') return { offset: 0, reason: 'empty expression' };
  const tree = parser.parse(expr);
  let problem: PromqlProblem | undefined;
  tree.iterate({
    enter(node) {
      if (problem) return false;
      if (!node.type.isError) return undefined;
      const near = expr.slice(node.from, Math.max(node.to, node.from + 12)).split('\n')[0]!.trim();
      problem = {
        offset: node.from,
        reason:
          node.from >= expr.trimEnd().length
            ? 'invalid PromQL: unexpected end of expression'
            : `invalid PromQL at column ${columnOf(expr, node.from)}: unexpected "${near}"`,
      };
      return false;
    },
  });
  return problem;
}

/** Node names of the constructs outside the embedded evaluator's subset. */
export const UNSUPPORTED_CONSTRUCTS: Record<string, string> = {
  OffsetExpr: 'offset modifier',
  StepInvariantExpr: '@ modifier',
  SubqueryExpr: 'subquery',
};

/** Names of the constructs of `expr` that the embedded evaluator's documented subset leaves out. */
export function unsupportedConstructs(expr: string): string[] {
  const found = new Set<string>();
  parser.parse(expr).iterate({
    enter(node) {
      const what = UNSUPPORTED_CONSTRUCTS[node.name];
      if (what) found.add(what);
    },
  });
  return [...found];
}

function columnOf(text: string, offset: number): number {
  return offset - text.lastIndexOf('\n', offset - 1);
}
