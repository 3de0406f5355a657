// A range function over a selector (`rate(x[5m])`, most of a rule tick's work), evaluated
// series by series straight from the store instead of building the range vector first. Each
// series' result is kept for the tick under the call without its matchers: rules select one
// metric many ways (by endpoint, by status, unfiltered), and a series' rate is the same in all.
import type { VectorSample } from '../types.js';
import type { SeriesStore } from '../scrape/store.js';
import type { CallNode, MatrixSelectorNode } from './ast.js';
import { KEEPS_NAME, RANGE_FUNCTIONS } from './functions.js';
import type { RangeInput } from './range-functions.js';
import { selectSeries } from './selectors.js';
import { assertUniqueLabelsets, mixesNames, type MatrixValue, type Value, type VectorValue } from './values.js';

/**
 * Range-function results per series at one instant over one state of the store: call key
 * (function, range, offset, other arguments) → series id → its sample, null when it has none.
 */
export type SeriesResults = Map<string, Array<VectorSample | null | undefined>>;

const EMPTY = new Float64Array(0);

/** The range argument of `e` when `e` is a range function applied directly to a selector. */
export function rangeSelectorArg(e: CallNode): MatrixSelectorNode | undefined {
  if (!(e.fn in RANGE_FUNCTIONS)) return undefined;
  const arg = e.args.find((a) => a.kind === 'matrix');
  return arg?.kind === 'matrix' ? arg : undefined;
}

/** What {@link evaluateRangeCall} reads. */
export interface RangeCallContext {
  store: SeriesStore;
  timeMs: number;
  results?: SeriesResults;
}

/**
 * Applies range function `e.fn` to the series `matrix` selects at `ctx.timeMs`; `args` are the
 * call's evaluated arguments (the range argument's slot is not read).
 */
export function evaluateRangeCall(e: CallNode, matrix: MatrixSelectorNode, args: readonly Value[], ctx: RangeCallContext): VectorValue {
  const f = RANGE_FUNCTIONS[e.fn]!;
  const keepName = KEEPS_NAME.has(e.fn);
  const endMs = ctx.timeMs - matrix.selector.offsetMs;
  const startMs = endMs - matrix.rangeMs;
  // One input object for all series: this loop runs once per series per distinct call per tick.
  const input: RangeInput = { times: EMPTY, values: EMPTY, startMs, endMs, rangeMs: matrix.rangeMs, evalMs: ctx.timeMs };
  const selected = selectSeries(ctx.store, matrix.selector);
  const memo = ctx.results ? resultsOf(ctx.results, e.fn, matrix, args, ctx.store.seriesIdBound) : undefined;
  const samples: VectorSample[] = [];
  for (const series of selected) {
    let sample = memo?.[series.id];
    if (sample === undefined) {
      sample = null;
      const { times, values } = series.samples.range(startMs, endMs);
      if (times.length > 0) {
        input.times = times;
        input.values = values;
        const value = f(input, args);
        if (value !== undefined) sample = { labels: keepName ? series.labels : series.unnamed, value };
      }
      if (memo) memo[series.id] = sample;
    }
    if (sample) samples.push(sample);
  }
  // Only a selector without a fixed name can select several names, which dropping can merge.
  if (!keepName && matrix.selector.name === undefined && mixesNames(selected)) assertUniqueLabelsets(samples);
  return { type: 'vector', samples };
}

function resultsOf(results: SeriesResults, fn: string, matrix: MatrixSelectorNode, args: readonly Value[], ids: number): Array<VectorSample | null | undefined> {
  let key = `${fn}\xff${matrix.rangeMs}\xff${matrix.selector.offsetMs}`;
  for (const a of args) if (a.type === 'scalar') key += `\xff${a.value}`;
  let memo = results.get(key);
  // Sized up front: written at scattered ids, a growing array would turn into a slow dictionary.
  if (!memo) results.set(key, (memo = new Array<VectorSample | null | undefined>(ids)));
  return memo;
}

/** Stands in for the range argument, which {@link evaluateRangeCall} reads from the store itself. */
export const UNREAD_MATRIX: MatrixValue = { type: 'matrix', series: [], startMs: 0, endMs: 0, rangeMs: 0 };
