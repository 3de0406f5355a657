// Selectors in the syntax tree: vector selectors with their matchers (checked as Prometheus's
// parser checks them), range selectors and the durations they carry.
import type { Matcher, VectorSelectorNode, Expr } from './ast.js';
import { parseDuration } from './literals.js';
import { matches } from './matcher.js';
import type { SyntaxNode, SyntaxReader } from './syntax.js';

function matcher(r: SyntaxReader, name: string, type: Matcher['type'], value: string, node: SyntaxNode): Matcher {
  if (type !== '=~' && type !== '!~') return { name, type, value };
  try {
    // Prometheus anchors every label regex at both ends.
    return { name, type, value, re: new RegExp(`^(?:${value})$`) };
  } catch (err) {
    r.fail(`invalid regular expression ${JSON.stringify(value)}: ${(err as Error).message}`, node);
  }
}

/** `metric{label="v", ...}` as a vector selector node with its cache key. */
export function parseSelector(r: SyntaxReader, node: SyntaxNode): VectorSelectorNode {
  const matchers: Matcher[] = [];
  const ident = r.child(node, 'Identifier');
  if (ident) matchers.push({ name: '__name__', type: '=', value: r.src(ident) });
  const list = r.child(node, 'LabelMatchers');
  for (let m = list?.firstChild ?? null; m; m = m.nextSibling) {
    if (m.type.name === 'QuotedLabelName') {
      matchers.push({ name: '__name__', type: '=', value: r.string(m.firstChild ?? m) });
      continue;
    }
    const labelNode = m.type.name === 'UnquotedLabelMatcher' ? r.child(m, 'LabelName') : r.child(m, 'QuotedLabelName');
    const op = r.child(m, 'MatchOp');
    const value = r.child(m, 'StringLiteral');
    if (!labelNode || !op || !value) r.fail('invalid label matcher', m);
    const label = labelNode.type.name === 'LabelName' ? r.src(labelNode) : r.string(labelNode.firstChild ?? labelNode);
    matchers.push(matcher(r, label, r.src(op) as Matcher['type'], r.string(value), m));
  }
  if (ident && matchers.some((x, i) => i > 0 && x.name === '__name__')) r.fail('metric name must not be set twice', node);
  if (!matchers.some((x) => !matches(x, ''))) r.fail('vector selector must contain at least one non-empty matcher', node);
  const name = matchers.find((x) => x.name === '__name__' && x.type === '=')?.value;
  const key = matchers.map((m) => `${m.name}${m.type}${JSON.stringify(m.value)}`).sort().join(',');
  return { kind: 'vector', name, matchers, offsetMs: 0, key };
}

/** A literal duration (`5m`); duration expressions are refused. */
export function parseDurationNode(r: SyntaxReader, node: SyntaxNode | null, parent: SyntaxNode): number {
  if (!node) r.fail('missing duration', parent);
  const literal = node.firstChild;
  if (!literal || literal.nextSibling || literal.type.name !== 'NumberDurationLiteralInDurationContext') {
    r.unsupported('duration expression', node);
  }
  return parseDuration(r.src(literal));
}

/** `selector[range]`. */
export function parseMatrix(r: SyntaxReader, node: SyntaxNode): Expr {
  const [inner] = r.exprChildren(node);
  if (!inner || inner.type.name !== 'VectorSelector') r.fail('ranges only allowed for vector selectors', node);
  const rangeMs = parseDurationNode(r, r.child(node, 'DurationExpr'), node);
  if (rangeMs <= 0) r.fail('range must be positive', node);
  return { kind: 'matrix', selector: parseSelector(r, inner), rangeMs };
}
