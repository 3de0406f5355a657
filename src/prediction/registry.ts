// The model registry: cities, their active models, and training new versions.
import { withTransaction, type Database } from '../db/index.js';
import { inSpan } from '../telemetry/tracer.js';
import { InsufficientHistoryError, UnknownCityError } from './errors.js';
import { defaultFeatureSpec, featureCount } from './features.js';
import { ALGORITHM } from './model.js';
import type { City, CityWithModel, ModelRecord } from './records.js';
import { insertActiveModel, selectActiveModel, selectCitiesWithModels, selectCity, selectCitySlugs, selectHistory } from './store.js';
import { fitModel } from './train.js';

/** Options of {@link ModelRegistry}. */
export interface ModelRegistryOptions {
  /** Final days of history held out to measure MAPE. @defaultValue 7 */
  holdoutDays?: number;
  /** Ridge penalty (see solveRidge). @defaultValue 1 */
  ridgeLambda?: number;
  /** Refit on all history after the holdout check. @defaultValue true */
  refit?: boolean;
}

/** Cities and models in Postgres; trains and activates new model versions. */
export class ModelRegistry {
  private readonly holdoutHours: number;
  private readonly lambda: number;
  private readonly refit: boolean;
  #trainingErrors = 0;

  constructor(
    private readonly db: Database,
    options: ModelRegistryOptions = {},
  ) {
    const { holdoutDays = 7, ridgeLambda = 1, refit = true } = options;
    if (!Number.isInteger(holdoutDays) || holdoutDays < 1) {
      throw new RangeError(`ModelRegistry: holdoutDays must be an integer >= 1, got ${holdoutDays}`);
    }
    if (!Number.isFinite(ridgeLambda) || ridgeLambda <= 0) {
      throw new RangeError(`ModelRegistry: ridgeLambda must be a finite number > 0, got ${ridgeLambda}`);
    }
    this.holdoutHours = holdoutDays * 24;
    this.lambda = ridgeLambda;
    this.refit = refit;
  }

  /** Every city with its active model version, MAPE and training time. */
  listCities(): Promise<CityWithModel[]> {
    return selectCitiesWithModels(this.db);
  }

  /** One city, or undefined. */
  getCity(slug: string): Promise<City | undefined> {
    return selectCity(this.db, slug);
  }

  /** The active model of `slug`, or undefined when the city is unknown or untrained. */
  activeModel(slug: string): Promise<ModelRecord | undefined> {
    return selectActiveModel(this.db, slug);
  }

  /** Trainings that failed since start (seed 002's trainingErrors). */
  get trainingErrors(): number {
    return this.#trainingErrors;
  }

  /** Trains a new version for `slug` on its whole history and activates it. */
  trainCity(slug: string): Promise<ModelRecord> {
    return this.#train(slug).catch((err: unknown) => {
      this.#trainingErrors++;
      throw err;
    });
  }

  #train(slug: string): Promise<ModelRecord> {
    return inSpan('model.train', { 'city': slug, 'model.algorithm': ALGORITHM }, async (span) => {
      const city = await this.getCity(slug);
      if (!city) throw new UnknownCityError(slug);
      const history = await selectHistory(this.db, slug);
      const spec = defaultFeatureSpec(city.utcOffsetHours);
      const needed = this.holdoutHours + 2 * featureCount(spec) + 1;
      if (history.timestamps.length < needed) throw new InsufficientHistoryError(slug, history.timestamps.length, needed);
      const started = performance.now();
      const fit = fitModel(spec, history, { holdoutHours: this.holdoutHours, lambda: this.lambda, refit: this.refit });
      const trainingMs = performance.now() - started;
      const record = await withTransaction(this.db, (tx) =>
        insertActiveModel(tx, {
          city: slug,
          algorithm: ALGORITHM,
          coefficients: Array.from(fit.coefficients),
          featureSpec: spec,
          mape: fit.mape,
          trainingRows: fit.trainingRows,
          holdoutRows: fit.holdoutRows,
          trainingMs,
        }),
      );
      span.setAttributes({ 'model.version': record.version, 'model.mape': record.mape, 'model.training_rows': record.trainingRows });
      return record;
    });
  }

  /** Trains every city in slug order; `onProgress(done, total, city)` after each. */
  async trainAll(onProgress?: (done: number, total: number, city: string) => void): Promise<ModelRecord[]> {
    const slugs = await selectCitySlugs(this.db);
    const records: ModelRecord[] = [];
    for (const slug of slugs) {
      records.push(await this.trainCity(slug));
      onProgress?.(records.length, slugs.length, slug);
    }
    return records;
  }
}
