// Turns PromQL text into the evaluator's tree: lezer-promql parses (no hand-written grammar),
// this walks its syntax tree, refuses what the embedded evaluator does not implement with a
// message naming the construct and its column, and checks types as Prometheus's parser does.
// Selectors and binary expressions are read in their own modules; this one dispatches.
import { parser } from '@prometheus-io/lezer-promql';
import { typeOf, type AggregateOp, type Expr } from './ast.js';
import { parseNumber } from './literals.js';
import { AGGREGATE_OPS, UNSUPPORTED_NODES } from './grammar.js';
import { parseBinary } from './parse-binary.js';
import { parseDurationNode, parseMatrix, parseSelector } from './parse-selector.js';
import { SIGNATURES } from './signatures.js';
import { PromQLError, SyntaxReader, type SyntaxNode } from './syntax.js';

export { PromQLError } from './syntax.js';

/** Parses and checks `text`; throws {@link PromQLError} naming the problem or the unsupported construct. */
export function parsePromQL(text: string): Expr {
  const tree = parser.parse(text);
  tree.iterate({
    enter(node) {
      if (node.type.isError) throw new PromQLError(`syntax error at ${node.from + 1}: unexpected ${describe(text, node.from)}`);
    },
  });
  const top = tree.topNode.firstChild;
  if (!top) throw new PromQLError('empty expression');
  return new Converter(new SyntaxReader(text)).expr(top);
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'end of input' : JSON.stringify(text.slice(at, at + 10));
}

class Converter {
  constructor(private readonly r: SyntaxReader) {}

  expr(node: SyntaxNode): Expr {
    const r = this.r;
    const name = node.type.name;
    if (name in UNSUPPORTED_NODES) r.unsupported(UNSUPPORTED_NODES[name]!, node);
    switch (name) {
      case 'ParenExpr':
        return this.expr(r.exprChildren(node)[0]!);
      case 'NumberDurationLiteral':
        return { kind: 'number', value: parseNumber(r.src(node)) };
      case 'StringLiteral':
        return { kind: 'string', value: r.string(node) };
      case 'VectorSelector':
        return parseSelector(r, node);
      case 'MatrixSelector':
        return parseMatrix(r, node);
      case 'OffsetExpr':
        return this.offset(node);
      case 'UnaryExpr':
        return this.unary(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return parseBinary(r, node, (n) => this.expr(n));
      default:
        return r.unsupported(name, node);
    }
  }

  private offset(node: SyntaxNode): Expr {
    const inner = this.expr(this.r.exprChildren(node)[0]!);
    let sign = 1;
    let d = this.r.child(node, 'OffsetDurationExpr');
    while (d && d.firstChild?.type.name === 'UnaryOp') {
      if (this.r.src(d.firstChild) === '-') sign = -sign;
      d = this.r.child(d, 'OffsetDurationExpr');
    }
    const offsetMs = sign * parseDurationNode(this.r, d, node);
    if (inner.kind === 'vector') return { ...inner, offsetMs };
    if (inner.kind === 'matrix') return { ...inner, selector: { ...inner.selector, offsetMs } };
    this.r.fail('offset modifier must be preceded by a selector', node);
  }

  private unary(node: SyntaxNode): Expr {
    const op = this.r.src(this.r.child(node, 'UnaryOp')!) as '-' | '+';
    const expr = this.expr(this.r.exprChildren(node)[0]!);
    const type = typeOf(expr);
    if (type !== 'scalar' && type !== 'vector') this.r.fail(`unary expression only allowed on scalars or instant vectors, got ${type}`, node);
    if (expr.kind === 'number') return { kind: 'number', value: op === '-' ? -expr.value : expr.value };
    return { kind: 'unary', op, expr };
  }

  private call(node: SyntaxNode): Expr {
    const fn = this.r.src(this.r.child(node, 'FunctionIdentifier')!);
    const sig = SIGNATURES[fn];
    if (!sig) this.r.unsupported(`function ${fn}`, node);
    const args = this.r.exprChildren(this.r.child(node, 'FunctionCallBody')!).map((a) => this.expr(a));
    if (args.length < sig.minArgs || args.length > sig.args.length) {
      this.r.fail(`function ${fn} takes ${sig.minArgs === sig.args.length ? sig.minArgs : `${sig.minArgs} to ${sig.args.length}`} arguments, got ${args.length}`, node);
    }
    args.forEach((a, i) => {
      const type = typeOf(a);
      if (type !== sig.args[i]) this.r.fail(`function ${fn}: argument ${i + 1} must be ${sig.args[i]}, got ${type}`, node);
    });
    return { kind: 'call', fn, args, type: sig.ret };
  }

  private aggregate(node: SyntaxNode): Expr {
    const op = this.r.src(this.r.child(node, 'AggregateOp')!);
    if (!AGGREGATE_OPS.has(op)) this.r.unsupported(`aggregation ${op}`, node);
    const args = this.r.exprChildren(this.r.child(node, 'FunctionCallBody')!).map((a) => this.expr(a));
    const needsParam = op === 'quantile' || op === 'topk' || op === 'bottomk';
    if (args.length !== (needsParam ? 2 : 1)) this.r.fail(`aggregation ${op} takes ${needsParam ? 2 : 1} arguments, got ${args.length}`, node);
    const expr = args[args.length - 1]!;
    if (typeOf(expr) !== 'vector') this.r.fail(`aggregation ${op} expects an instant vector, got ${typeOf(expr)}`, node);
    const param = needsParam ? args[0] : undefined;
    if (param && typeOf(param) !== 'scalar') this.r.fail(`aggregation ${op} expects a scalar parameter, got ${typeOf(param)}`, node);
    const modifier = this.r.child(node, 'AggregateModifier');
    const without = modifier?.firstChild?.type.name === 'Without';
    const grouping = modifier ? this.r.labels(this.r.child(modifier, 'GroupingLabels')!) : [];
    return { kind: 'aggregate', op: op as AggregateOp, expr, param, grouping, without };
  }
}
