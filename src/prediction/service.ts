// The forecast path of one prediction: cache lookup → single-flight on a miss → batcher → per
// batch one weather query to Postgres and one vectorised inference call → cache set with tags.
// The weather lookup is batched with the inference: per item it cost more than the inference.
import { Batcher, type BatcherOptions } from '../batch/index.js';
import type { TieredCache } from '../cache/index.js';
import { PREDICTION_METRICS } from '../metrics/index.js';
import { domainMetrics, observeGauge } from '../telemetry/metrics.js';
import { inSpan } from '../telemetry/tracer.js';
import { HotKeys, type HotKey } from './hot-keys.js';
import { inferBatch, MODEL_NAME, type InferenceItem, type LoadedModel } from './index.js';
import type { ModelCache } from './index.js';
import type { WeatherRange, WeatherRepository } from './index.js';

const HOUR_MS = 3_600_000;

/** One predicted hour. */
export interface PredictedHour {
  timestamp: string;
  demand_mw: number;
  temperature_c: number;
}

/** A 24-hour forecast of one city and day. */
export interface Forecast {
  city: string;
  date: string;
  model_name: string;
  model_version: number;
  unit: 'MW';
  cached: boolean;
  values: PredictedHour[];
}

/** One point prediction. */
export interface Prediction extends PredictedHour {
  city: string;
  model_name: string;
  model_version: number;
  cached: boolean;
}

/** What {@link PredictionService.warmHottest} did. */
export interface WarmReport {
  /** Computed now and cached. */
  warmed: number;
  /** Already in the cache. */
  already_cached: number;
  /** Failed (no weather for the date any more, an unknown city): skipped. */
  failed: number;
  keys: Array<HotKey & { outcome: 'warmed' | 'cached' | 'failed' }>;
}

/** What the service needs. */
export interface PredictionServiceDeps {
  cache: TieredCache;
  models: ModelCache;
  weather: WeatherRepository;
  batch: Partial<BatcherOptions>;
}

// Bounded label values keep model_inference_* at a few series per model, whatever the batch size.
function batchSizeLabel(n: number): string {
  if (n <= 1) return '1';
  if (n <= 4) return '2-4';
  if (n <= 8) return '5-8';
  if (n <= 16) return '9-16';
  if (n <= 32) return '17-32';
  return '33+';
}

/** One item of the batcher: a model's hours, with their temperatures or the weather run to read them from. */
export interface DemandJob {
  model: LoadedModel;
  timestamps: number[];
  temperatures: number[] | WeatherRange;
}

/** A job's outcome: its demand and temperatures, or its own error (e.g. no weather for its hours). */
export type DemandResult = { demand: number[]; temperatures: number[] } | Error;

/** Forecasts and point predictions, cached and batched. */
export class PredictionService {
  readonly batcher: Batcher<DemandJob, DemandResult>;
  readonly #cache: TieredCache;
  readonly #models: ModelCache;
  readonly #weather: WeatherRepository;
  readonly #hot = new HotKeys();
  // The answer of a cache hit, by the cached value it is made from (collected with the entry).
  readonly #hits = new WeakMap<object, Forecast>();

  constructor(deps: PredictionServiceDeps) {
    this.#cache = deps.cache;
    this.#models = deps.models;
    this.#weather = deps.weather;
    this.batcher = new Batcher((jobs) => this.#process(jobs), { name: 'inference', ...deps.batch });
    // Read by the QUEUE alert (seed 002's queueSizeMax).
    observeGauge(PREDICTION_METRICS.batchQueueSize, () => this.batcher.stats().queue_size);
  }

  /** The 24 hourly values of `date` (UTC) for `city`; `cached` says whether it came from the cache. */
  async forecast(city: string, date: string): Promise<Forecast> {
    const forecast = await this.#forecast(city, date);
    // Counted once answered: an unknown city or a date without weather is nothing to warm.
    this.#hot.hit(city, date);
    return forecast;
  }

  /**
   * Puts the `limit` most requested forecasts (since start) into the cache, computing those that
   * are not there; what POST /api/v1/performance/cache/preload does after loading the models.
   */
  async warmHottest(limit: number): Promise<WarmReport> {
    const report: WarmReport = { warmed: 0, already_cached: 0, failed: 0, keys: [] };
    // One after another: warming must not crowd out live requests in the batcher.
    for (const key of this.#hot.top(limit)) {
      let outcome: 'warmed' | 'cached' | 'failed';
      try {
        outcome = (await this.#forecast(key.city, key.date)).cached ? 'cached' : 'warmed';
      } catch {
        outcome = 'failed';
      }
      report[outcome === 'warmed' ? 'warmed' : outcome === 'cached' ? 'already_cached' : 'failed']++;
      report.keys.push({ ...key, outcome });
    }
    return report;
  }

  async #forecast(city: string, date: string): Promise<Forecast> {
    const model = await this.#models.get(city);
    const key = `forecast:${city}:${date}`;
    const { value, cached } = await this.#cache.getOrCompute(
      key,
      async () => {
        const from = Date.parse(`${date}T00:00:00Z`);
        const timestamps = Array.from({ length: 24 }, (_, h) => from + h * HOUR_MS);
        const { demand, temperatures } = await this.#demand({ model, timestamps, temperatures: { city, fromMs: from, hours: 24 } });
        return this.#forecastBody(model, city, date, timestamps, temperatures, demand);
      },
      // Made on a miss only: a hit builds no tag strings.
      () => ({ tags: ['forecast', `city:${city}`, `model:${city}:v${model.version}`] }),
    );
    if (!cached) return { ...value, cached };
    // Every hit on one cache entry gets the same frozen object, so the API serialises it once.
    let hit = this.#hits.get(value);
    if (!hit) this.#hits.set(value, (hit = Object.freeze({ ...value, cached: true })));
    return hit;
  }

  /** One prediction at `timestamp`; the temperature is looked up for its hour unless given. */
  async predict(city: string, timestamp: string, temperature?: number): Promise<Prediction> {
    const model = await this.#models.get(city);
    const at = Date.parse(timestamp);
    const key = `predict:${city}:${at}:${temperature ?? 'w'}`;
    const { value, cached } = await this.#cache.getOrCompute(
      key,
      async () => {
        const weather = { city, fromMs: Math.floor(at / HOUR_MS) * HOUR_MS, hours: 1 };
        const { demand, temperatures } = await this.#demand({ model, timestamps: [at], temperatures: temperature === undefined ? weather : [temperature] });
        return {
          city,
          timestamp: new Date(at).toISOString(),
          demand_mw: round(demand[0]!),
          temperature_c: round(temperatures[0]!),
          model_name: MODEL_NAME,
          model_version: model.version,
        };
      },
      () => ({ tags: ['predict', `city:${city}`, `model:${city}:v${model.version}`] }),
    );
    return { ...value, cached };
  }

  /** Drops every cached result of `city`, e.g. after its model was retrained. */
  async invalidateCity(city: string): Promise<number> {
    return this.#cache.deleteByTags([`city:${city}`]);
  }

  /** Flushes queued inference work. */
  async close(): Promise<void> {
    await this.batcher.close();
  }

  #forecastBody(model: LoadedModel, city: string, date: string, ts: number[], temps: number[], demand: number[]) {
    const values = ts.map((t, i) => ({
      timestamp: new Date(t).toISOString(),
      demand_mw: round(demand[i]!),
      temperature_c: round(temps[i]!),
    }));
    return { city, date, model_name: MODEL_NAME, model_version: model.version, unit: 'MW' as const, values };
  }

  async #demand(job: DemandJob): Promise<{ demand: number[]; temperatures: number[] }> {
    const result = await this.batcher.submit(job);
    if (result instanceof Error) throw result;
    return result;
  }

  // A batch: one weather query for the jobs without temperatures, then one inference call for
  // those that have them; a job without weather fails alone.
  async #process(jobs: DemandJob[]): Promise<DemandResult[]> {
    const runs: WeatherRange[] = [];
    for (const job of jobs) if (!Array.isArray(job.temperatures)) runs.push(job.temperatures);
    const read = runs.length > 0 ? await this.#weather.hourlyMany(runs) : [];
    let next = 0;
    const inputs: Array<number[] | Error> = jobs.map((job) => (Array.isArray(job.temperatures) ? job.temperatures : read[next++]!));
    const items: InferenceItem[] = [];
    jobs.forEach((job, i) => {
      const temperatures = inputs[i]!;
      if (!(temperatures instanceof Error)) items.push({ model: job.model, timestamps: job.timestamps, temperatures });
    });
    const demand = items.length > 0 ? await this.#infer(items) : [];
    next = 0;
    return inputs.map((temperatures) => (temperatures instanceof Error ? temperatures : { demand: demand[next++]!, temperatures }));
  }

  // The one vectorised inference call of a batch, measured as seed 000's model metrics.
  #infer(items: InferenceItem[]): Promise<number[][]> {
    const attributes = { model_name: MODEL_NAME, batch_size: batchSizeLabel(items.length) };
    return inSpan('model.inference', { 'model.name': MODEL_NAME, 'batch.size': items.length }, () => {
      const start = performance.now();
      const result = inferBatch(items);
      const m = domainMetrics();
      m.inferenceLatency.record((performance.now() - start) / 1000, attributes);
      m.inferenceTotal.add(1, attributes);
      return Promise.resolve(result);
    });
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
