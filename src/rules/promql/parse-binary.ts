// Binary expressions in the syntax tree: the operator, PromQL's precedence quirk for a signed
// literal under `^`, the type rules of Prometheus's parser, and vector matching clauses.
import { COMPARISONS, SET_OPERATORS, typeOf, type BinaryOp, type Expr, type VectorMatching } from './ast.js';
import { parseNumber } from './literals.js';
import { BINARY_OPS } from './grammar.js';
import type { SyntaxNode, SyntaxReader } from './syntax.js';

function matching(r: SyntaxReader, node: SyntaxNode, op: BinaryOp): VectorMatching {
  const set = SET_OPERATORS.has(op);
  const result: VectorMatching = { card: set ? 'many-to-many' : 'one-to-one', on: false, labels: [], include: [] };
  const clause = r.child(node, 'MatchingModifierClause');
  if (!clause) return result;
  const groups: string[][] = [];
  for (let c = clause.firstChild; c; c = c.nextSibling) {
    if (c.type.name === 'On') result.on = true;
    else if (c.type.name === 'GroupingLabels') groups.push(r.labels(c));
    else if (c.type.name === 'GroupLeft' || c.type.name === 'GroupRight') {
      if (set) r.fail(`no grouping allowed for "${op}" operation`, node);
      result.card = c.type.name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
    }
  }
  result.labels = groups[0] ?? [];
  result.include = groups[1] ?? [];
  if (result.on) {
    const both = result.include.find((l) => result.labels.includes(l));
    if (both) r.fail(`label "${both}" must not occur in ON and GROUP clause at once`, node);
  }
  return result;
}

function binaryOf(r: SyntaxReader, node: SyntaxNode, op: BinaryOp, lhs: Expr, rhs: Expr): Expr {
  const lt = typeOf(lhs);
  const rt = typeOf(rhs);
  for (const t of [lt, rt]) if (t !== 'scalar' && t !== 'vector') r.fail(`binary expression must contain only scalar and instant vector types, got ${t}`, node);
  const returnBool = r.child(node, 'BoolModifier') !== null;
  if (returnBool && !COMPARISONS.has(op)) r.fail('bool modifier can only be used on comparison operators', node);
  if (COMPARISONS.has(op) && lt === 'scalar' && rt === 'scalar' && !returnBool) r.fail('comparisons between scalars must use BOOL modifier', node);
  if (SET_OPERATORS.has(op) && (lt !== 'vector' || rt !== 'vector')) r.fail(`set operator ${op} not allowed in binary scalar expression`, node);
  const vectorMatching = matching(r, node, op);
  if (r.child(node, 'MatchingModifierClause') && (lt !== 'vector' || rt !== 'vector')) r.fail('vector matching only allowed between instant vectors', node);
  return { kind: 'binary', op, lhs, rhs, returnBool, matching: vectorMatching, type: lt === 'scalar' && rt === 'scalar' ? 'scalar' : 'vector' };
}

/** `lhs op rhs`, with `expr` converting the operands. */
export function parseBinary(r: SyntaxReader, node: SyntaxNode, expr: (n: SyntaxNode) => Expr): Expr {
  const [l, rhs] = r.exprChildren(node);
  let opNode: SyntaxNode | null = null;
  for (let c = l!.nextSibling; c && c !== rhs; c = c.nextSibling) if (!opNode && c.type.name in BINARY_OPS) opNode = c;
  if (!opNode) return r.unsupported(`binary operator ${r.src(l!.nextSibling ?? node)}`, node);
  const op = BINARY_OPS[opNode.type.name]!;
  if (r.child(node, 'FillModifier')) r.unsupported('fill modifier', node);
  // lezer folds a sign into the literal, but in PromQL `-2 ^ 2` is -(2 ^ 2): unary minus binds looser than ^.
  const signed = op === '^' && l!.type.name === 'NumberDurationLiteral' ? /^\s*([-+])/.exec(r.src(l!))?.[1] : undefined;
  if (signed) {
    const pow = binaryOf(r, node, op, { kind: 'number', value: Math.abs(parseNumber(r.src(l!))) }, expr(rhs!));
    if (signed === '+') return pow;
    return { kind: 'unary', op: '-', expr: pow };
  }
  return binaryOf(r, node, op, expr(l!), expr(rhs!));
}
