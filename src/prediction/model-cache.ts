// The loaded models, bounded LRU. A miss loads the city's active model once however many
// requests wait for it; training hot-swaps the new version in so no request sees a gap.
import { LRUCache } from 'lru-cache';
import { inSpan } from '../telemetry/tracer.js';
import { ModelNotTrainedError, UnknownCityError } from './errors.js';
import type { LoadedModel } from './model.js';
import { toLoadedModel, type City, type CityWithModel, type ModelRecord } from './records.js';

/** Where the cache loads models from (the {@link ModelRegistry}). */
export interface ModelSource {
  activeModel(slug: string): Promise<ModelRecord | undefined>;
  getCity(slug: string): Promise<City | undefined>;
  listCities(): Promise<CityWithModel[]>;
}

/** Options of {@link ModelCache}. */
export interface ModelCacheOptions {
  /** Models kept (MODEL_CACHE_MAX_SIZE). @defaultValue 32 */
  maxSize?: number;
  /**
   * Memory usage in percent (MODEL_CACHE_MEMORY_THRESHOLD) above which {@link ModelCache.shed}
   * drops the least recently used half of the models. @defaultValue 80
   */
  memoryThreshold?: number;
  /** The memory usage the threshold is compared with, in percent; without it nothing is shed. */
  memoryUsage?: () => number;
}

/** Counters of the model cache, as the performance API reports them. */
export interface ModelCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  size: number;
  max_size: number;
  loads: number;
  /** Loads that failed for another reason than an unknown city (seed 002's modelLoadErrors). */
  load_errors: number;
  /** Models dropped because memory usage was above the threshold. */
  memory_evictions: number;
  memory_threshold: number;
}

/** LRU of loaded models with single-flight loading and hot swap. */
export class ModelCache {
  private readonly lru: LRUCache<string, LoadedModel>;
  private readonly inflight = new Map<string, Promise<LoadedModel>>();
  private readonly maxSize: number;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private loads = 0;
  private loadErrors = 0;
  private memoryEvictions = 0;
  private readonly memoryThreshold: number;
  private readonly memoryUsage: (() => number) | undefined;

  constructor(
    private readonly source: ModelSource,
    options: ModelCacheOptions = {},
  ) {
    const { maxSize = 32, memoryThreshold = 80, memoryUsage } = options;
    if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError(`ModelCache: maxSize must be an integer >= 1, got ${maxSize}`);
    if (!(memoryThreshold > 0 && memoryThreshold <= 100)) {
      throw new RangeError(`ModelCache: memoryThreshold must be a percentage in (0, 100], got ${memoryThreshold}`);
    }
    this.maxSize = maxSize;
    this.memoryThreshold = memoryThreshold;
    this.memoryUsage = memoryUsage;
    this.lru = new LRUCache({
      max: maxSize,
      dispose: (_model, _city, reason) => {
        if (reason === 'evict') this.evictions++;
      },
    });
  }

  /** The active model of `city`; throws UnknownCityError or ModelNotTrainedError. */
  get(city: string): Promise<LoadedModel> {
    const cached = this.lru.get(city);
    if (cached) {
      this.hits++;
      return Promise.resolve(cached);
    }
    this.misses++;
    return this.load(city);
  }

  /** The models loaded now (for the accuracy gauge). */
  loaded(): LoadedModel[] {
    return [...this.lru.values()];
  }

  /** Loads every active model, up to the size bound; returns how many are now cached. */
  async preload(): Promise<number> {
    const trained = (await this.source.listCities()).filter((c) => c.activeVersion !== null);
    for (const city of trained.slice(0, this.maxSize)) {
      if (!this.lru.has(city.slug)) await this.load(city.slug);
    }
    return this.lru.size;
  }

  /**
   * Makes `model` (by default: the city's active model, read now) the one served for `city` from
   * the next request on. The old entry serves until the new one is in place, so there is no gap.
   */
  async swap(city: string, model?: LoadedModel | ModelRecord): Promise<LoadedModel> {
    let next: LoadedModel;
    if (model === undefined) {
      next = await this.readActive(city);
    } else {
      next = model.coefficients instanceof Float64Array ? (model as LoadedModel) : toLoadedModel(model as ModelRecord);
    }
    if (next.city !== city) throw new RangeError(`ModelCache.swap: model of "${next.city}" given for "${city}"`);
    this.lru.set(city, next);
    return next;
  }

  /**
   * When memory usage is above the threshold, drops the least recently used half of the models
   * (the most recently used one always stays): they reload on demand, and the hot ones are kept.
   * Runs after each load and on the cache cleanup interval. Returns how many were dropped.
   */
  shed(): number {
    if (!this.memoryUsage || this.lru.size <= 1 || !(this.memoryUsage() > this.memoryThreshold)) return 0;
    const coldest = [...this.lru.rkeys()].slice(0, Math.floor(this.lru.size / 2));
    for (const city of coldest) this.lru.delete(city);
    this.memoryEvictions += coldest.length;
    return coldest.length;
  }

  /** Drops every cached model (they reload on demand). */
  clear(): void {
    this.lru.clear();
  }

  /** Hit, miss, eviction and load counters, and the current size. */
  stats(): ModelCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      size: this.lru.size,
      max_size: this.maxSize,
      loads: this.loads,
      load_errors: this.loadErrors,
      memory_evictions: this.memoryEvictions,
      memory_threshold: this.memoryThreshold,
    };
  }

  private load(city: string): Promise<LoadedModel> {
    const pending = this.inflight.get(city);
    if (pending) return pending;
    const loading = inSpan('model.load', { city }, async (span) => {
      this.loads++;
      // An unknown city is the caller's mistake (a 404), not a failed load: it leaves the span
      // unmarked and is thrown outside it, so the trace is not kept as an error trace.
      const loaded = await this.readActive(city).catch((err: unknown) => {
        if (!(err instanceof UnknownCityError)) throw err;
        span.setAttribute('model.found', false);
        return err;
      });
      if (loaded instanceof UnknownCityError) return loaded;
      span.setAttribute('model.version', loaded.version);
      // A swap may have landed while this load ran; never replace a newer version with an older one.
      const current = this.lru.peek(city);
      if (current && current.version >= loaded.version) return current;
      this.lru.set(city, loaded);
      this.shed();
      return loaded;
    })
      .then(
        (result) => {
          if (result instanceof UnknownCityError) throw result;
          return result;
        },
        (err: unknown) => {
          this.loadErrors++;
          throw err;
        },
      )
      .finally(() => this.inflight.delete(city));
    this.inflight.set(city, loading);
    return loading;
  }

  // The active model from the source; tells an unknown city from an untrained one.
  private async readActive(city: string): Promise<LoadedModel> {
    const record = await this.source.activeModel(city);
    if (record) return toLoadedModel(record);
    throw (await this.source.getCity(city)) ? new ModelNotTrainedError(city) : new UnknownCityError(city);
  }
}
