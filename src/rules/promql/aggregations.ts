// Aggregation operators with by/without grouping, accumulating in input order exactly as
// Prometheus 2.x does (plain sum, incremental mean, Welford variance) so results match it.
import type { Labels, VectorSample } from '../types.js';
import { METRIC_NAME } from '../scrape/labels.js';
import type { AggregateNode } from './ast.js';
import { quantile } from './over-time.js';
import { signer } from './values.js';

interface Group {
  labels: Labels;
  value: number;
  mean: number;
  count: number;
  members: VectorSample[];
}

function groupLabels(labels: Labels, grouping: readonly string[], without: boolean): Labels {
  const out: Labels = {};
  if (without) {
    for (const [k, v] of Object.entries(labels)) if (k !== METRIC_NAME && !grouping.includes(k)) out[k] = v;
  } else {
    for (const k of grouping) if (labels[k] !== undefined) out[k] = labels[k];
  }
  return out;
}

/** Aggregates `samples` by `node`'s operator and grouping; `param` is k or φ where needed. */
export function aggregate(node: AggregateNode, samples: readonly VectorSample[], param: number): VectorSample[] {
  const { op, grouping, without } = node;
  if ((op === 'topk' || op === 'bottomk') && !(param >= 1)) return [];
  const groups = new Map<string, Group>();
  const signature = signer(grouping, !without);
  for (const s of samples) {
    const key = signature(s.labels);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { labels: groupLabels(s.labels, grouping, without), value: initial(op, s.value), mean: s.value, count: 1, members: [s] });
      continue;
    }
    accumulate(op, group, s);
  }
  const out: VectorSample[] = [];
  for (const g of groups.values()) {
    switch (op) {
      case 'topk':
      case 'bottomk':
        out.push(...select(op, g.members, param));
        continue;
      case 'avg':
        g.value = g.mean;
        break;
      case 'count':
        g.value = g.count;
        break;
      case 'stdvar':
        g.value = g.value / g.count;
        break;
      case 'stddev':
        g.value = Math.sqrt(g.value / g.count);
        break;
      case 'quantile':
        g.value = quantile(param, g.members.map((m) => m.value));
        break;
    }
    out.push({ labels: g.labels, value: g.value });
  }
  return out;
}

function initial(op: AggregateNode['op'], value: number): number {
  if (op === 'stddev' || op === 'stdvar') return 0;
  if (op === 'group') return 1;
  return value;
}

function accumulate(op: AggregateNode['op'], g: Group, s: VectorSample): void {
  const v = s.value;
  switch (op) {
    case 'sum':
      g.value += v;
      return;
    case 'avg':
      g.count++;
      if (!Number.isFinite(g.mean) && !Number.isNaN(g.mean)) {
        // An infinite mean stays unless an opposite infinity or a NaN arrives.
        if (!Number.isFinite(v) && !Number.isNaN(v) && g.mean > 0 === v > 0) return;
        if (Number.isFinite(v)) return;
      }
      g.mean += v / g.count - g.mean / g.count;
      return;
    case 'max':
      if (g.value < v || Number.isNaN(g.value)) g.value = v;
      return;
    case 'min':
      if (g.value > v || Number.isNaN(g.value)) g.value = v;
      return;
    case 'count':
      g.count++;
      return;
    case 'stddev':
    case 'stdvar': {
      g.count++;
      const delta = v - g.mean;
      g.mean += delta / g.count;
      g.value += delta * (v - g.mean);
      return;
    }
    case 'quantile':
    case 'topk':
    case 'bottomk':
      g.members.push(s);
      return;
    case 'group':
      return;
  }
}

// The k largest (topk) or smallest (bottomk) samples, labels kept; NaN ranks last. Stable, so
// among equal values the earlier series wins, as with Prometheus's heap.
function select(op: 'topk' | 'bottomk', members: readonly VectorSample[], k: number): VectorSample[] {
  const sign = op === 'topk' ? -1 : 1;
  const key = (v: number) => (Number.isNaN(v) ? Infinity : sign * v);
  return [...members].sort((a, b) => key(a.value) - key(b.value) || 0).slice(0, Math.floor(k));
}
