// EmbeddedSource: the QuerySource of the default mode, answering PromQL instant queries from
// the in-process series store. Parsed trees are cached per expression string because rules
// re-run the same few hundred expressions every tick.
import type { QuerySource, VectorSample } from '../types.js';
import type { SeriesStore } from '../scrape/store.js';
import type { Expr } from './ast.js';
import { evaluate } from './evaluator.js';
import { parsePromQL } from './parse.js';

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

  /** Synchronous instant query; a scalar result is one sample without labels. */
  querySync(expr: string, timeMs: number): VectorSample[] {
    const value = evaluate(this.parse(expr), { store: this.store, timeMs, lookbackMs: this.lookbackMs });
    switch (value.type) {
      case 'vector':
        return value.samples;
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
