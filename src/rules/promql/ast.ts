// The evaluator's own syntax tree: the lezer-promql tree reduced to the supported subset, with
// literals decoded and types checked once, so evaluation never re-reads source text.

/** PromQL value types. */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

/** One label matcher; `re` is the anchored regex of =~ and !~. */
export interface Matcher {
  name: string;
  type: '=' | '!=' | '=~' | '!~';
  value: string;
  re?: RegExp;
}

/** `name{matchers} offset d`. */
export interface VectorSelectorNode {
  kind: 'vector';
  /** The metric name when it is fixed by an `=` matcher or written before the braces. */
  name?: string;
  matchers: Matcher[];
  offsetMs: number;
  /** The matchers as one canonical string, the key of the store's selection cache. */
  key: string;
}

/** `selector[range]`. */
export interface MatrixSelectorNode {
  kind: 'matrix';
  selector: VectorSelectorNode;
  rangeMs: number;
}

/** A number literal. */
export interface NumberNode {
  kind: 'number';
  value: number;
}

/** A string literal (only as a function argument). */
export interface StringNode {
  kind: 'string';
  value: string;
}

/** A function call. */
export interface CallNode {
  kind: 'call';
  fn: string;
  args: Expr[];
  type: ValueType;
}

/** Aggregation operators of the subset. */
export type AggregateOp = 'sum' | 'avg' | 'max' | 'min' | 'count' | 'group' | 'stddev' | 'stdvar' | 'quantile' | 'topk' | 'bottomk';

/** `op by|without (labels) (param, expr)`. */
export interface AggregateNode {
  kind: 'aggregate';
  op: AggregateOp;
  expr: Expr;
  param?: Expr;
  grouping: string[];
  without: boolean;
}

/** Binary operators of the subset. */
export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '^' | '==' | '!=' | '>' | '<' | '>=' | '<=' | 'and' | 'or' | 'unless';

/** How the two vectors of a binary operation are matched. */
export interface VectorMatching {
  card: 'one-to-one' | 'many-to-one' | 'one-to-many' | 'many-to-many';
  /** true for `on(...)`, false for `ignoring(...)` (and for no clause at all). */
  on: boolean;
  labels: string[];
  /** The `group_left(...)`/`group_right(...)` labels copied from the "one" side. */
  include: string[];
}

/** `lhs op [bool] [on|ignoring (...)] [group_x (...)] rhs`. */
export interface BinaryNode {
  kind: 'binary';
  op: BinaryOp;
  lhs: Expr;
  rhs: Expr;
  returnBool: boolean;
  matching: VectorMatching;
  type: ValueType;
}

/** `-expr` or `+expr`. */
export interface UnaryNode {
  kind: 'unary';
  op: '-' | '+';
  expr: Expr;
}

/** Any node. */
export type Expr = VectorSelectorNode | MatrixSelectorNode | NumberNode | StringNode | CallNode | AggregateNode | BinaryNode | UnaryNode;

/** The value type an expression evaluates to. */
export function typeOf(e: Expr): ValueType {
  switch (e.kind) {
    case 'number':
      return 'scalar';
    case 'string':
      return 'string';
    case 'vector':
    case 'aggregate':
      return 'vector';
    case 'matrix':
      return 'matrix';
    case 'call':
    case 'binary':
      return e.type;
    case 'unary':
      return typeOf(e.expr);
  }
}

/** Comparison operators (filters unless `bool`). */
export const COMPARISONS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '>', '<', '>=', '<=']);
/** Set operators (many-to-many, vectors only). */
export const SET_OPERATORS: ReadonlySet<BinaryOp> = new Set(['and', 'or', 'unless']);
