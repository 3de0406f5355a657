// The SQL of the registry, one function per query, each with its query_type label.
import type { Queryable } from '../db/index.js';
import type { FeatureSpec } from './features.js';
import type { City, CityWithModel, ModelRecord } from './records.js';
import type { TrainingData } from './train.js';

const MODEL_COLUMNS = `id, city, version, algorithm, coefficients, feature_spec, mape, training_rows, holdout_rows,
  trained_at, training_ms, is_active`;

interface ModelRow {
  id: string | number;
  city: string;
  version: number;
  algorithm: string;
  coefficients: number[];
  feature_spec: FeatureSpec;
  mape: number;
  training_rows: number;
  holdout_rows: number;
  trained_at: Date;
  training_ms: number;
  is_active: boolean;
}

const toModel = (r: ModelRow): ModelRecord => ({
  id: Number(r.id),
  city: r.city,
  version: r.version,
  algorithm: r.algorithm,
  coefficients: r.coefficients,
  featureSpec: r.feature_spec,
  mape: r.mape,
  trainingRows: r.training_rows,
  holdoutRows: r.holdout_rows,
  trainedAt: r.trained_at,
  trainingMs: r.training_ms,
  isActive: r.is_active,
});

/** Every city with its active model (served by models_active_city). */
export async function selectCitiesWithModels(q: Queryable): Promise<CityWithModel[]> {
  const { rows } = await q.query<{ slug: string; name: string; version: number | null; mape: number | null; trained_at: Date | null }>(
    'select_cities',
    `SELECT c.slug, c.name, m.version, m.mape, m.trained_at
       FROM cities c LEFT JOIN models m ON m.city = c.slug AND m.is_active
      ORDER BY c.slug`,
  );
  return rows.map((r) => ({ slug: r.slug, name: r.name, activeVersion: r.version, mape: r.mape, trainedAt: r.trained_at }));
}

/** One city by slug. */
export async function selectCity(q: Queryable, slug: string): Promise<City | undefined> {
  const { rows } = await q.query<{ slug: string; name: string; country: string; latitude: number; longitude: number; utc_offset_hours: number; base_load_mw: number }>(
    'select_city',
    'SELECT slug, name, country, latitude, longitude, utc_offset_hours, base_load_mw FROM cities WHERE slug = $1',
    [slug],
  );
  const r = rows[0];
  return r && { slug: r.slug, name: r.name, country: r.country, latitude: r.latitude, longitude: r.longitude, utcOffsetHours: r.utc_offset_hours, baseLoadMw: r.base_load_mw };
}

/** Slugs of every city, in order. */
export async function selectCitySlugs(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ slug: string }>('select_city_slugs', 'SELECT slug FROM cities ORDER BY slug');
  return rows.map((r) => r.slug);
}

/** The active model of `city` (the partial unique index models_active_city answers it). */
export async function selectActiveModel(q: Queryable, city: string): Promise<ModelRecord | undefined> {
  const { rows } = await q.query<ModelRow>('select_active_model', `SELECT ${MODEL_COLUMNS} FROM models WHERE city = $1 AND is_active`, [city]);
  return rows[0] && toModel(rows[0]);
}

/** The demand history of `city`, oldest first (a range scan of the (city, ts) primary key). */
export async function selectHistory(q: Queryable, city: string): Promise<TrainingData> {
  const { rows } = await q.query<{ ms: number; demand_mw: number; temperature_c: number }>(
    'select_demand_history',
    `SELECT (extract(epoch FROM ts) * 1000)::float8 AS ms, demand_mw, temperature_c
       FROM demand_history WHERE city = $1 ORDER BY ts`,
    [city],
  );
  const data: TrainingData = { timestamps: new Array<number>(rows.length), temperatures: new Array<number>(rows.length), demand: new Array<number>(rows.length) };
  rows.forEach((r, i) => {
    data.timestamps[i] = r.ms;
    data.temperatures[i] = r.temperature_c;
    data.demand[i] = r.demand_mw;
  });
  return data;
}

/** A model to store. */
export type NewModel = Omit<ModelRecord, 'id' | 'version' | 'trainedAt' | 'isActive'>;

// Namespace of the per-city training lock (the migration lock uses the one-argument form).
const TRAIN_LOCK_NAMESPACE = 0x7261696e;

/**
 * Stores `model` as the next version of its city and makes it the active one. Run inside a
 * transaction: the advisory lock orders concurrent trainings of one city, and the old model
 * is deactivated before the insert so the one-active-per-city index never sees two.
 */
export async function insertActiveModel(tx: Queryable, model: NewModel): Promise<ModelRecord> {
  await tx.query('lock_model_version', 'SELECT pg_advisory_xact_lock($1, hashtext($2))', [TRAIN_LOCK_NAMESPACE, model.city]);
  const { rows: latest } = await tx.query<{ version: number | null }>(
    'select_latest_version',
    'SELECT max(version) AS version FROM models WHERE city = $1',
    [model.city],
  );
  const version = (latest[0]?.version ?? 0) + 1;
  await tx.query('deactivate_model', 'UPDATE models SET is_active = false WHERE city = $1 AND is_active', [model.city]);
  const { rows } = await tx.query<ModelRow>(
    'insert_model',
    `INSERT INTO models (city, version, algorithm, coefficients, feature_spec, mape, training_rows, holdout_rows, training_ms, is_active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true) RETURNING ${MODEL_COLUMNS}`,
    [model.city, version, model.algorithm, model.coefficients, JSON.stringify(model.featureSpec), model.mape,
      model.trainingRows, model.holdoutRows, model.trainingMs],
  );
  return toModel(rows[0]!);
}
