// Function calls: the instant-vector functions, and the table of range functions (applied to
// each selected series by range-call.ts). Results drop the metric name where Prometheus drops
// it (every function that changes what the value means).
import type { Labels, VectorSample } from '../types.js';
import { METRIC_NAME } from '../scrape/labels.js';
import type { CallNode, Expr } from './ast.js';
import { histogramQuantile } from './histogram.js';
import { avgOverTime, maxOverTime, minOverTime, quantile, stdvarOverTime, sumOverTime } from './over-time.js';
import { changes, deriv, extrapolatedRate, instantValue, predictLinear, resets, type RangeInput } from './range-functions.js';
import { dropName, type Value, type VectorValue } from './values.js';

/** A range function on one series' samples; `args` are the call's evaluated arguments. */
export type RangeFn = (r: RangeInput, args: readonly Value[]) => number | undefined;

/** The range functions by name. */
export const RANGE_FUNCTIONS: Readonly<Record<string, RangeFn>> = {
  rate: (r) => extrapolatedRate(r, true, true),
  increase: (r) => extrapolatedRate(r, true, false),
  delta: (r) => extrapolatedRate(r, false, false),
  irate: (r) => instantValue(r, true),
  idelta: (r) => instantValue(r, false),
  deriv,
  predict_linear: (r, args) => predictLinear(r, scalarArg(args[1])),
  changes,
  resets,
  avg_over_time: (r) => avgOverTime(r.values),
  sum_over_time: (r) => sumOverTime(r.values),
  min_over_time: (r) => minOverTime(r.values),
  max_over_time: (r) => maxOverTime(r.values),
  count_over_time: (r) => r.values.length,
  last_over_time: (r) => r.values[r.values.length - 1],
  present_over_time: () => 1,
  stdvar_over_time: (r) => stdvarOverTime(r.values),
  stddev_over_time: (r) => Math.sqrt(stdvarOverTime(r.values)),
  quantile_over_time: (r, args) => quantile(scalarArg(args[0]), Array.from(r.values)),
};

/** Names of the range functions whose result keeps the metric name. */
export const KEEPS_NAME = new Set(['last_over_time']);

const MATH: Record<string, (v: number) => number> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  sqrt: Math.sqrt,
  sgn: (v) => (v > 0 ? 1 : v < 0 ? -1 : v),
};

function scalarArg(v: Value | undefined): number {
  if (v?.type !== 'scalar') throw new Error('internal: scalar argument expected');
  return v.value;
}

function vectorArg(v: Value | undefined): VectorSample[] {
  if (v?.type !== 'vector') throw new Error('internal: instant vector argument expected');
  return v.samples;
}

function mapValues(samples: readonly VectorSample[], f: (v: number) => number): VectorValue {
  return { type: 'vector', samples: samples.map((s) => ({ labels: dropName(s.labels), value: f(s.value) })) };
}

/**
 * Evaluates the call `node` on its evaluated arguments at `timeMs`; range functions are
 * evaluated from the store directly (range-call.ts).
 */
export function callFunction(node: CallNode, args: readonly Value[], timeMs: number): Value {
  const fn = node.fn;
  if (fn in RANGE_FUNCTIONS) throw new Error(`internal: range function ${fn} is evaluated by evaluateRangeCall`);
  const math = MATH[fn];
  if (math) return mapValues(vectorArg(args[0]), math);
  switch (fn) {
    case 'round': {
      const toNearest = args[1] ? scalarArg(args[1]) : 1;
      // Go's formula: rounds half up, and a reciprocal keeps e.g. 0.1 steps exact.
      const inverse = 1 / toNearest;
      return mapValues(vectorArg(args[0]), (v) => Math.floor(v * inverse + 0.5) / inverse);
    }
    case 'clamp': {
      const min = scalarArg(args[1]);
      const max = scalarArg(args[2]);
      if (max < min) return { type: 'vector', samples: [] };
      return mapValues(vectorArg(args[0]), (v) => Math.max(min, Math.min(max, v)));
    }
    case 'clamp_min':
      return mapValues(vectorArg(args[0]), (v) => Math.max(v, scalarArg(args[1])));
    case 'clamp_max':
      return mapValues(vectorArg(args[0]), (v) => Math.min(v, scalarArg(args[1])));
    case 'scalar': {
      const samples = vectorArg(args[0]);
      return { type: 'scalar', value: samples.length === 1 ? samples[0]!.value : Number.NaN };
    }
    case 'vector':
      return { type: 'vector', samples: [{ labels: {}, value: scalarArg(args[0]) }] };
    case 'time':
      return { type: 'scalar', value: timeMs / 1000 };
    case 'absent_over_time': {
      const matrix = args[0]?.type === 'matrix' ? args[0] : undefined;
      return matrix && matrix.series.length > 0 ? { type: 'vector', samples: [] } : absentResult(node.args[0]!);
    }
    case 'absent':
      return vectorArg(args[0]).length > 0 ? { type: 'vector', samples: [] } : absentResult(node.args[0]!);
    case 'sort':
    case 'sort_desc': {
      const sign = fn === 'sort' ? 1 : -1;
      // NaN first, as Prometheus's value heap orders it.
      const key = (v: number) => (Number.isNaN(v) ? -Infinity : sign * v);
      const samples = [...vectorArg(args[0])].sort((a, b) => key(a.value) - key(b.value) || 0);
      return { type: 'vector', samples };
    }
    case 'histogram_quantile':
      return { type: 'vector', samples: histogramQuantile(scalarArg(args[0]), vectorArg(args[1])) };
  }
  throw new Error(`internal: function ${fn} has a signature but no implementation`);
}

/**
 * absent()'s single sample: labelled by the argument selector's equality matchers (a label
 * also matched otherwise, or twice, gets none), so an alert on it says what is missing.
 */
export function absentResult(arg: Expr): VectorValue {
  const labels: Labels = {};
  const selector = arg.kind === 'vector' ? arg : arg.kind === 'matrix' ? arg.selector : undefined;
  const ambiguous = new Set<string>();
  for (const m of selector?.matchers ?? []) {
    if (m.name === METRIC_NAME) continue;
    if (m.type === '=' && !(m.name in labels)) labels[m.name] = m.value;
    else ambiguous.add(m.name);
  }
  for (const name of ambiguous) delete labels[name];
  return { type: 'vector', samples: [{ labels, value: 1 }] };
}
