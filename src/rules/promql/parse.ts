// Turns PromQL text into the evaluator's tree: lezer-promql parses (no hand-written grammar),
// this walks its syntax tree, refuses what the embedded evaluator does not implement with a
// message naming the construct and its column, and checks types as Prometheus's parser does.
import { parser } from '@prometheus-io/lezer-promql';
import {
  COMPARISONS, SET_OPERATORS, typeOf,
  type AggregateOp, type BinaryOp, type Expr, type Matcher, type VectorMatching, type VectorSelectorNode,
} from './ast.js';
import { parseDuration, parseNumber, parseString } from './literals.js';
import { matches } from './matcher.js';
import { AGGREGATE_OPS, BINARY_OPS, EXPR_NODES, UNSUPPORTED_NODES } from './grammar.js';
import { SIGNATURES } from './signatures.js';

// Taken from the parser's own types so only declared dependencies are imported.
type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** An error at a column of the expression (1-based). */
export class PromQLError extends Error {}

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
  return new Converter(text).expr(top);
}

function describe(text: string, at: number): string {
  return at >= text.length ? 'end of input' : JSON.stringify(text.slice(at, at + 10));
}

class Converter {
  constructor(private readonly text: string) {}

  expr(node: SyntaxNode): Expr {
    const name = node.type.name;
    if (name in UNSUPPORTED_NODES) this.unsupported(UNSUPPORTED_NODES[name]!, node);
    switch (name) {
      case 'ParenExpr':
        return this.expr(this.exprChildren(node)[0]!);
      case 'NumberDurationLiteral':
        return { kind: 'number', value: parseNumber(this.src(node)) };
      case 'StringLiteral':
        return { kind: 'string', value: this.string(node) };
      case 'VectorSelector':
        return this.selector(node);
      case 'MatrixSelector':
        return this.matrix(node);
      case 'OffsetExpr':
        return this.offset(node);
      case 'UnaryExpr':
        return this.unary(node);
      case 'FunctionCall':
        return this.call(node);
      case 'AggregateExpr':
        return this.aggregate(node);
      case 'BinaryExpr':
        return this.binary(node);
      default:
        return this.unsupported(name, node);
    }
  }

  private src(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  private fail(message: string, node: SyntaxNode): never {
    throw new PromQLError(`${message} at ${node.from + 1}`);
  }

  private unsupported(what: string, node: SyntaxNode): never {
    this.fail(`unsupported in embedded mode: ${what}`, node);
  }

  private exprChildren(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) if (EXPR_NODES.has(c.type.name)) out.push(c);
    return out;
  }

  private child(node: SyntaxNode, name: string): SyntaxNode | null {
    for (let c = node.firstChild; c; c = c.nextSibling) if (c.type.name === name) return c;
    return null;
  }

  private string(node: SyntaxNode): string {
    try {
      return parseString(this.src(node));
    } catch (err) {
      this.fail((err as Error).message, node);
    }
  }

  private selector(node: SyntaxNode): VectorSelectorNode {
    const matchers: Matcher[] = [];
    const ident = this.child(node, 'Identifier');
    if (ident) matchers.push({ name: '__name__', type: '=', value: this.src(ident) });
    const list = this.child(node, 'LabelMatchers');
    for (let m = list?.firstChild ?? null; m; m = m.nextSibling) {
      if (m.type.name === 'QuotedLabelName') {
        matchers.push({ name: '__name__', type: '=', value: this.string(m.firstChild ?? m) });
        continue;
      }
      const labelNode = m.type.name === 'UnquotedLabelMatcher' ? this.child(m, 'LabelName') : this.child(m, 'QuotedLabelName');
      const op = this.child(m, 'MatchOp');
      const value = this.child(m, 'StringLiteral');
      if (!labelNode || !op || !value) this.fail('invalid label matcher', m);
      const label = labelNode.type.name === 'LabelName' ? this.src(labelNode) : this.string(labelNode.firstChild ?? labelNode);
      matchers.push(this.matcher(label, this.src(op) as Matcher['type'], this.string(value), m));
    }
    if (ident && matchers.some((x, i) => i > 0 && x.name === '__name__')) this.fail('metric name must not be set twice', node);
    if (!matchers.some((x) => !matches(x, ''))) {
      this.fail('vector selector must contain at least one non-empty matcher', node);
    }
    const name = matchers.find((x) => x.name === '__name__' && x.type === '=')?.value;
    const key = matchers.map((m) => `${m.name}${m.type}${JSON.stringify(m.value)}`).sort().join(',');
    return { kind: 'vector', name, matchers, offsetMs: 0, key };
  }

  private matcher(name: string, type: Matcher['type'], value: string, node: SyntaxNode): Matcher {
    if (type !== '=~' && type !== '!~') return { name, type, value };
    try {
      // Prometheus anchors every label regex at both ends.
      return { name, type, value, re: new RegExp(`^(?:${value})$`) };
    } catch (err) {
      this.fail(`invalid regular expression ${JSON.stringify(value)}: ${(err as Error).message}`, node);
    }
  }

  private duration(node: SyntaxNode | null, parent: SyntaxNode): number {
    if (!node) this.fail('missing duration', parent);
    const literal = node.firstChild;
    if (!literal || literal.nextSibling || literal.type.name !== 'NumberDurationLiteralInDurationContext') {
      this.unsupported('duration expression', node);
    }
    return parseDuration(this.src(literal));
  }

  private matrix(node: SyntaxNode): Expr {
    const [inner] = this.exprChildren(node);
    if (!inner || inner.type.name !== 'VectorSelector') this.fail('ranges only allowed for vector selectors', node);
    const rangeMs = this.duration(this.child(node, 'DurationExpr'), node);
    if (rangeMs <= 0) this.fail('range must be positive', node);
    return { kind: 'matrix', selector: this.selector(inner), rangeMs };
  }

  private offset(node: SyntaxNode): Expr {
    const inner = this.expr(this.exprChildren(node)[0]!);
    let sign = 1;
    let d = this.child(node, 'OffsetDurationExpr');
    while (d && d.firstChild?.type.name === 'UnaryOp') {
      if (this.src(d.firstChild) === '-') sign = -sign;
      d = this.child(d, 'OffsetDurationExpr');
    }
    const offsetMs = sign * this.duration(d, node);
    if (inner.kind === 'vector') return { ...inner, offsetMs };
    if (inner.kind === 'matrix') return { ...inner, selector: { ...inner.selector, offsetMs } };
    this.fail('offset modifier must be preceded by a selector', node);
  }

  private unary(node: SyntaxNode): Expr {
    const op = this.src(this.child(node, 'UnaryOp')!) as '-' | '+';
    const expr = this.expr(this.exprChildren(node)[0]!);
    const type = typeOf(expr);
    if (type !== 'scalar' && type !== 'vector') this.fail(`unary expression only allowed on scalars or instant vectors, got ${type}`, node);
    if (expr.kind === 'number') return { kind: 'number', value: op === '-' ? -expr.value : expr.value };
    return { kind: 'unary', op, expr };
  }

  private call(node: SyntaxNode): Expr {
    const fn = this.src(this.child(node, 'FunctionIdentifier')!);
    const sig = SIGNATURES[fn];
    if (!sig) this.unsupported(`function ${fn}`, node);
    const args = this.exprChildren(this.child(node, 'FunctionCallBody')!).map((a) => this.expr(a));
    if (args.length < sig.minArgs || args.length > sig.args.length) {
      this.fail(`function ${fn} takes ${sig.minArgs === sig.args.length ? sig.minArgs : `${sig.minArgs} to ${sig.args.length}`} arguments, got ${args.length}`, node);
    }
    args.forEach((a, i) => {
      const type = typeOf(a);
      if (type !== sig.args[i]) this.fail(`function ${fn}: argument ${i + 1} must be ${sig.args[i]}, got ${type}`, node);
    });
    return { kind: 'call', fn, args, type: sig.ret };
  }

  private aggregate(node: SyntaxNode): Expr {
    const op = this.src(this.child(node, 'AggregateOp')!);
    if (!AGGREGATE_OPS.has(op)) this.unsupported(`aggregation ${op}`, node);
    const args = this.exprChildren(this.child(node, 'FunctionCallBody')!).map((a) => this.expr(a));
    const needsParam = op === 'quantile' || op === 'topk' || op === 'bottomk';
    if (args.length !== (needsParam ? 2 : 1)) this.fail(`aggregation ${op} takes ${needsParam ? 2 : 1} arguments, got ${args.length}`, node);
    const expr = args[args.length - 1]!;
    if (typeOf(expr) !== 'vector') this.fail(`aggregation ${op} expects an instant vector, got ${typeOf(expr)}`, node);
    const param = needsParam ? args[0] : undefined;
    if (param && typeOf(param) !== 'scalar') this.fail(`aggregation ${op} expects a scalar parameter, got ${typeOf(param)}`, node);
    const modifier = this.child(node, 'AggregateModifier');
    const without = modifier?.firstChild?.type.name === 'Without';
    const grouping = modifier ? this.labels(this.child(modifier, 'GroupingLabels')!) : [];
    return { kind: 'aggregate', op: op as AggregateOp, expr, param, grouping, without };
  }

  private labels(node: SyntaxNode): string[] {
    const out: string[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.type.name === 'LabelName') out.push(this.src(c));
      else if (c.type.name === 'QuotedLabelName') out.push(this.string(c.firstChild ?? c));
    }
    return out;
  }

  private binary(node: SyntaxNode): Expr {
    const [l, r] = this.exprChildren(node);
    let opNode: SyntaxNode | null = null;
    for (let c = l!.nextSibling; c && c !== r; c = c.nextSibling) if (!opNode && c.type.name in BINARY_OPS) opNode = c;
    if (!opNode) return this.unsupported(`binary operator ${this.src(l!.nextSibling ?? node)}`, node);
    const op = BINARY_OPS[opNode.type.name]!;
    if (this.child(node, 'FillModifier')) this.unsupported('fill modifier', node);
    // lezer folds a sign into the literal, but in PromQL `-2 ^ 2` is -(2 ^ 2): unary minus binds looser than ^.
    const signed = op === '^' && l!.type.name === 'NumberDurationLiteral' ? /^\s*([-+])/.exec(this.src(l!))?.[1] : undefined;
    if (signed) {
      const pow = this.binaryOf(node, op, { kind: 'number', value: Math.abs(parseNumber(this.src(l!))) }, this.expr(r!));
      if (signed === '+') return pow;
      return { kind: 'unary', op: '-', expr: pow };
    }
    return this.binaryOf(node, op, this.expr(l!), this.expr(r!));
  }

  private binaryOf(node: SyntaxNode, op: BinaryOp, lhs: Expr, rhs: Expr): Expr {
    const lt = typeOf(lhs);
    const rt = typeOf(rhs);
    for (const t of [lt, rt]) if (t !== 'scalar' && t !== 'vector') this.fail(`binary expression must contain only scalar and instant vector types, got ${t}`, node);
    const returnBool = this.child(node, 'BoolModifier') !== null;
    if (returnBool && !COMPARISONS.has(op)) this.fail('bool modifier can only be used on comparison operators', node);
    if (COMPARISONS.has(op) && lt === 'scalar' && rt === 'scalar' && !returnBool) this.fail('comparisons between scalars must use BOOL modifier', node);
    if (SET_OPERATORS.has(op) && (lt !== 'vector' || rt !== 'vector')) this.fail(`set operator ${op} not allowed in binary scalar expression`, node);
    const matching = this.matching(node, op);
    if (this.child(node, 'MatchingModifierClause') && (lt !== 'vector' || rt !== 'vector')) this.fail('vector matching only allowed between instant vectors', node);
    return { kind: 'binary', op, lhs, rhs, returnBool, matching, type: lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector' };
  }

  private matching(node: SyntaxNode, op: BinaryOp): VectorMatching {
    const set = SET_OPERATORS.has(op);
    const matching: VectorMatching = { card: set ? 'many-to-many' : 'one-to-one', on: false, labels: [], include: [] };
    const clause = this.child(node, 'MatchingModifierClause');
    if (!clause) return matching;
    const groups: string[][] = [];
    for (let c = clause.firstChild; c; c = c.nextSibling) {
      if (c.type.name === 'On') matching.on = true;
      else if (c.type.name === 'GroupingLabels') groups.push(this.labels(c));
      else if (c.type.name === 'GroupLeft' || c.type.name === 'GroupRight') {
        if (set) this.fail(`no grouping allowed for "${op}" operation`, node);
        matching.card = c.type.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
      }
    }
    matching.labels = groups[0] ?? [];
    matching.include = groups[1] ?? [];
    if (matching.on) {
      const both = matching.include.find((l) => matching.labels.includes(l));
      if (both) this.fail(`label "${both}" must not occur in ON and GROUP clause at once`, node);
    }
    return matching;
  }
}
