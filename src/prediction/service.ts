// The forecast path of one prediction: cache lookup → single-flight on a miss → weather input
// from Postgres → batcher → one vectorised inference call → cache set with tags.
import { Batcher, type BatcherOptions } from '../batch/index.js';
import type { TieredCache } from '../cache/index.js';
import { domainMetrics, observeGauge } from '../telemetry/metrics.js';
import { inSpan } from '../telemetry/tracer.js';
import { HotKeys, type HotKey } from './hot-keys.js';
import { inferBatch, MODEL_NAME, type InferenceItem, type LoadedModel } from './index.js';
import type { ModelCache } from './index.js';
import type { WeatherRepository } from './index.js';

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

/** Forecasts and point predictions, cached and batched. */
export class PredictionService {
  readonly batcher: Batcher<InferenceItem, number[]>;
  readonly #cache: TieredCache;
  readonly #models: ModelCache;
  readonly #weather: WeatherRepository;
  readonly #hot = new HotKeys();

  constructor(deps: PredictionServiceDeps) {
    this.#cache = deps.cache;
    this.#models = deps.models;
    this.#weather = deps.weather;
    this.batcher = new Batcher((items) => this.#infer(items), { name: 'inference', ...deps.batch });
    // Read by the QUEUE alert (seed 002's queueSizeMax).
    observeGauge('batch_queue_size', 'Inference items waiting for a batch', () => this.batcher.stats().queue_size);
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
        const temperatures = await this.#weather.hourly(city, from, 24);
        const timestamps = temperatures.map((_, h) => from + h * HOUR_MS);
        const demand = await this.batcher.submit({ model, timestamps, temperatures });
        return this.#forecastBody(model, city, date, timestamps, temperatures, demand);
      },
      { tags: ['forecast', `city:${city}`, `model:${city}:v${model.version}`] },
    );
    return { ...value, cached };
  }

  /** One prediction at `timestamp`; the temperature is looked up for its hour unless given. */
  async predict(city: string, timestamp: string, temperature?: number): Promise<Prediction> {
    const model = await this.#models.get(city);
    const at = Date.parse(timestamp);
    const key = `predict:${city}:${at}:${temperature ?? 'w'}`;
    const { value, cached } = await this.#cache.getOrCompute(
      key,
      async () => {
        const temp = temperature ?? (await this.#weather.hourly(city, Math.floor(at / HOUR_MS) * HOUR_MS, 1))[0]!;
        const demand = await this.batcher.submit({ model, timestamps: [at], temperatures: [temp] });
        return {
          city,
          timestamp: new Date(at).toISOString(),
          demand_mw: round(demand[0]!),
          temperature_c: round(temp),
          model_name: MODEL_NAME,
          model_version: model.version,
        };
      },
      { tags: ['predict', `city:${city}`, `model:${city}:v${model.version}`] },
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

  // The one vectorised inference call of a batch, measured as seed 000's model metrics.
  async #infer(items: InferenceItem[]): Promise<number[][]> {
    const attributes = { model_name: MODEL_NAME, batch_size: batchSizeLabel(items.length) };
    return inSpan('model.inference', { 'model.name': MODEL_NAME, 'batch.size': items.length }, async () => {
      const start = performance.now();
      const result = inferBatch(items);
      const m = domainMetrics();
      m.inferenceLatency.record((performance.now() - start) / 1000, attributes);
      m.inferenceTotal.add(1, attributes);
      return result;
    });
  }
}

const round = (v: number) => Math.round(v * 100) / 100;
