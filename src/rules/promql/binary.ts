// Binary operators between scalars and instant vectors: arithmetic, comparisons (filtering
// or `bool`), one-to-one and many-to-one/one-to-many matching with on/ignoring and
// group_left/group_right, and the set operators and/or/unless; Prometheus 2.x semantics.
import type { Labels, VectorSample } from '../types.js';
import { labelsKey, METRIC_NAME } from '../scrape/labels.js';
import { COMPARISONS, type BinaryNode, type BinaryOp, type VectorMatching } from './ast.js';
import { goMod, goPow } from './gomath.js';
import { dropName, signer } from './values.js';

/** Applies `op` to two numbers: [value, keep]; comparisons keep the left value when true. */
export function elementOp(op: BinaryOp, l: number, r: number): [number, boolean] {
  switch (op) {
    case '+': return [l + r, true];
    case '-': return [l - r, true];
    case '*': return [l * r, true];
    case '/': return [l / r, true];
    case '%': return [goMod(l, r), true];
    case '^': return [goPow(l, r), true];
    case '==': return [l, l === r];
    case '!=': return [l, l !== r];
    case '>': return [l, l > r];
    case '<': return [l, l < r];
    case '>=': return [l, l >= r];
    case '<=': return [l, l <= r];
    default: throw new Error(`internal: ${op} is not an element operator`);
  }
}

const isArithmetic = (op: BinaryOp) => !COMPARISONS.has(op) && op !== 'and' && op !== 'or' && op !== 'unless';

/** scalar op scalar (comparisons are `bool` by the parser's rules: 1 or 0). */
export function scalarBinary(op: BinaryOp, l: number, r: number): number {
  const [value, keep] = elementOp(op, l, r);
  return COMPARISONS.has(op) ? (keep ? 1 : 0) : value;
}

/** vector op scalar, or scalar op vector when `swap`; the vector's value is what a filter keeps. */
export function vectorScalar(node: BinaryNode, samples: readonly VectorSample[], scalar: number, swap: boolean): VectorSample[] {
  const { op, returnBool } = node;
  const comparison = COMPARISONS.has(op);
  const drop = isArithmetic(op) || returnBool;
  const out: VectorSample[] = [];
  for (const s of samples) {
    const [l, r] = swap ? [scalar, s.value] : [s.value, scalar];
    let [value, keep] = elementOp(op, l, r);
    if (comparison && swap) value = r;
    if (returnBool) {
      value = keep ? 1 : 0;
      keep = true;
    }
    if (keep) out.push({ labels: drop ? dropName(s.labels) : s.labels, value });
  }
  return out;
}

/** vector op vector for arithmetic and comparisons. */
export function vectorVector(node: BinaryNode, lhsIn: readonly VectorSample[], rhsIn: readonly VectorSample[]): VectorSample[] {
  const { op, returnBool, matching } = node;
  const sig = signer(matching.labels, matching.on);
  const oneToMany = matching.card === 'one-to-many';
  // One-to-many is many-to-one with the sides swapped; values are swapped back below.
  const [lhs, rhs] = oneToMany ? [rhsIn, lhsIn] : [lhsIn, rhsIn];
  const rightSigs = new Map<string, VectorSample>();
  for (const rs of rhs) {
    const key = sig(rs.labels);
    if (rightSigs.has(key)) {
      throw new Error(`found duplicate series for the match group on the ${oneToMany ? 'left' : 'right'} hand-side of the operation; many-to-many matching not allowed: matching labels must be unique on one side`);
    }
    rightSigs.set(key, rs);
  }
  const matched = new Map<string, Set<string> | null>();
  const out: VectorSample[] = [];
  for (const ls of lhs) {
    const key = sig(ls.labels);
    const rs = rightSigs.get(key);
    if (!rs) continue;
    const [vl, vr] = oneToMany ? [rs.value, ls.value] : [ls.value, rs.value];
    const [raw, keep] = elementOp(op, vl, vr);
    const value = returnBool ? (keep ? 1 : 0) : raw;
    if (!returnBool && !keep) continue;
    let labels = resultLabels(ls.labels, rs.labels, op, matching);
    if (returnBool) labels = dropName(labels);
    if (matching.card === 'one-to-one') {
      if (matched.has(key)) throw new Error('multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)');
      matched.set(key, null);
    } else {
      let inserted = matched.get(key);
      if (!inserted) matched.set(key, (inserted = new Set()));
      const labelKey = labelsKey(labels);
      if (inserted.has(labelKey)) throw new Error('multiple matches for labels: grouping labels must ensure unique matches');
      inserted.add(labelKey);
    }
    out.push({ labels, value });
  }
  return out;
}

// Built without `delete` (which turns an object into a slow dictionary), and shared with the
// input when nothing changes: the common `a / b` only drops the name, a cached label set.
function resultLabels(lhs: Labels, rhs: Labels, op: BinaryOp, m: VectorMatching): Labels {
  const dropsName = isArithmetic(op);
  const keep = (name: string) => !(dropsName && name === METRIC_NAME);
  let out: Labels;
  if (m.card === 'one-to-one' && m.on) {
    out = {};
    for (const n of m.labels) if (keep(n) && lhs[n] !== undefined) out[n] = lhs[n];
  } else if (m.card === 'one-to-one' && m.labels.length > 0) {
    out = {};
    for (const k in lhs) if (keep(k) && !m.labels.includes(k)) out[k] = lhs[k]!;
  } else if (m.include.length === 0) {
    return dropsName ? dropName(lhs) : lhs;
  } else {
    out = {};
    for (const k in lhs) if (keep(k)) out[k] = lhs[k]!;
  }
  // group_x(labels) copies those labels from the "one" side (out is this call's own object).
  for (const n of m.include) {
    if (rhs[n]) out[n] = rhs[n];
    else delete out[n];
  }
  return out;
}

/** and / or / unless. */
export function setOperation(node: BinaryNode, lhs: readonly VectorSample[], rhs: readonly VectorSample[]): VectorSample[] {
  const sig = signer(node.matching.labels, node.matching.on);
  switch (node.op) {
    case 'and': {
      const right = new Set(rhs.map((s) => sig(s.labels)));
      return lhs.filter((s) => right.has(sig(s.labels)));
    }
    case 'unless': {
      const right = new Set(rhs.map((s) => sig(s.labels)));
      return lhs.filter((s) => !right.has(sig(s.labels)));
    }
    case 'or': {
      const left = new Set(lhs.map((s) => sig(s.labels)));
      return [...lhs, ...rhs.filter((s) => !left.has(sig(s.labels)))];
    }
    default:
      throw new Error(`internal: ${node.op} is not a set operator`);
  }
}
