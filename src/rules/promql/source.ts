// EmbeddedSource: the QuerySource of the default mode, answering PromQL instant queries from
// the in-process series store. Parsed trees are cached per expression string because rules
// re-run the same few hundred expressions every tick.
import type { QuerySource, SourceCoverage, VectorSample } from '../types.js';
import type { SeriesStore } from '../scrape/store.js';
import type { Expr } from './ast.js';
import { evaluate } from './evaluator.js';
import type { Value } from './values.js';
import { parsePromQL } from './parse.js';
import type { SeriesResults } from './range-call.js';
import { readWindowMs } from './window.js';

/** Options of {@link EmbeddedSource}. */
export interface EmbeddedSourceOptions {
  store: SeriesStore;
  /** How far back instant selectors look. @defaultValue 300_000 (5 min, as Prometheus) */
  lookbackMs?: number;
  /** Parsed expressions kept. @defaultValue 2_000 */
  cacheSize?: number;
}

/** The embedded evaluator as a {@link QuerySource}. */
export class EmbeddedSource implements QuerySource {
  readonly name = 'embedded' as const;
  readonly store: SeriesStore;
  private readonly lookbackMs: number;
  private readonly cacheSize: number;
  private readonly cache = new Map<string, Expr>();
  /** Values shared by the queries of the current instant and data, see EvalContext.values. */
  private shared = { timeMs: Number.NaN, version: -1, values: new Map<string, Value>(), series: new Map() as SeriesResults };

  constructor(options: EmbeddedSourceOptions) {
    const { store, lookbackMs = 300_000, cacheSize = 2_000 } = options;
    if (!(lookbackMs > 0)) throw new Error(`EmbeddedSource: lookbackMs must be > 0, got ${lookbackMs}`);
    if (!Number.isInteger(cacheSize) || cacheSize < 1) throw new Error(`EmbeddedSource: cacheSize must be a positive integer, got ${cacheSize}`);
    this.store = store;
    this.lookbackMs = lookbackMs;
    this.cacheSize = cacheSize;
  }

  /** Parses `expr` (cached); throws naming the syntax error or the unsupported construct. */
  parse(expr: string): Expr {
    let tree = this.cache.get(expr);
    if (!tree) {
      tree = parsePromQL(expr);
      // Rule sets are small; when the cache is full something generates expressions, so start over.
      if (this.cache.size >= this.cacheSize) this.cache.clear();
      this.cache.set(expr, tree);
    }
    return tree;
  }

  /** Throws when `expr` is outside the embedded subset or invalid. */
  check(expr: string): void {
    this.parse(expr);
  }

  /**
   * This process's samples start at its first scrape: after a restart a range function sees
   * only part of its window until the store has been filling for that long.
   */
  coverage(): SourceCoverage {
    return {
      sinceMs: this.store.firstSampleMs,
      retentionMs: this.store.retentionMs,
      readWindowMs: (expr, inherited) => readWindowMs(this.parse(expr), inherited),
    };
  }

  /** Synchronous instant query; a scalar result is one sample without labels. */
  querySync(expr: string, timeMs: number): VectorSample[] {
    const tree = this.parse(expr);
    if (this.shared.timeMs !== timeMs || this.shared.version !== this.store.dataVersion) {
      this.shared = { timeMs, version: this.store.dataVersion, values: new Map(), series: new Map() };
    }
    const { values, series: seriesResults } = this.shared;
    const value = evaluate(tree, { store: this.store, timeMs, lookbackMs: this.lookbackMs, values, seriesResults });
    switch (value.type) {
      case 'vector':
        // Internally label sets are shared with the store; callers get their own copies.
        return value.samples.map((s) => ({ labels: { ...s.labels }, value: s.value }));
      case 'scalar':
        return [{ labels: {}, value: value.value }];
      default:
        throw new Error(`expression must evaluate to an instant vector or a scalar, got ${value.type}`);
    }
  }

  /** Instant query at `timeMs`, as the Prometheus HTTP API answers it. */
  async query(expr: string, timeMs: number): Promise<VectorSample[]> {
    return this.querySync(expr, timeMs);
  }
}
