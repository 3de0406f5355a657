// Writes the synthetic catalogue: cities, hourly demand history ending at the current hour, and
// weather covering that history plus the forecast horizon. Rows go in as UNNEST arrays, a few
// thousand per statement, in one transaction (a half-written seed is never left behind).
import { withTransaction, type Database, type Queryable } from '../db/index.js';
import { seedCities } from './cities.js';
import { cityProfile, generateSeries, temperatureAt } from './synth.js';
import { DAY_MS, floorHour, HOUR_MS } from './time.js';

/** Options of {@link seedDatabase}. */
export interface SeedOptions {
  /** Cities from the catalogue (SEED_CITIES). */
  cities: number;
  /** Days of hourly history (SEED_DAYS). */
  days: number;
  /** End of the history: the hour containing `now` is the last one. @defaultValue Date.now() */
  now?: number;
  /** Days of weather after `now`, for forecasts. @defaultValue 14 */
  forecastDays?: number;
  /** Rows per INSERT statement. @defaultValue 4000 */
  chunkRows?: number;
  /** Called after each chunk with rows written so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** What a seed run wrote (`seeded: false` and zero rows when there was nothing to do). */
export interface SeedReport {
  seeded: boolean;
  cities: number;
  demandRows: number;
  weatherRows: number;
  /** First and last history hour written (null when nothing was). */
  from: Date | null;
  to: Date | null;
  /** Last weather hour written. */
  weatherTo: Date | null;
  durationMs: number;
}

/** Seeds `cities` × `days` of history (rows already present are kept: the data is deterministic). */
export async function seedDatabase(db: Database, options: SeedOptions): Promise<SeedReport> {
  const { days, now = Date.now(), forecastDays = 14, chunkRows = 4000, onProgress } = options;
  const cities = seedCities(options.cities);
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`seed: days must be an integer >= 1, got ${days}`);
  if (!Number.isInteger(forecastDays) || forecastDays < 0) throw new RangeError(`seed: forecastDays must be an integer >= 0, got ${forecastDays}`);
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new RangeError(`seed: chunkRows must be an integer >= 1, got ${chunkRows}`);
  if (!Number.isFinite(now)) throw new RangeError(`seed: now must be a finite epoch time, got ${now}`);
  const started = performance.now();
  const lastHour = floorHour(now);
  const historyHours = days * 24;
  const from = lastHour - (historyHours - 1) * HOUR_MS;
  const forecastHours = forecastDays * 24;
  const total = cities.length * (2 * historyHours + forecastHours);
  let done = 0;
  await withTransaction(db, async (tx) => {
    for (const spec of cities) {
      await tx.query(
        'insert_city',
        `INSERT INTO cities (slug, name, country, latitude, longitude, utc_offset_hours, base_load_mw)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (slug) DO NOTHING`,
        [spec.slug, spec.name, spec.country, spec.latitude, spec.longitude, spec.utcOffsetHours, spec.baseLoadMw],
      );
      const profile = cityProfile(spec);
      const series = generateSeries(profile, from, historyHours);
      const future = Array.from({ length: forecastHours }, (_, i) => lastHour + (i + 1) * HOUR_MS);
      const weatherTs = series.timestamps.concat(future);
      const weatherTemps = series.temperatures.concat(future.map((ms) => temperatureAt(profile, ms)));
      for (let i = 0; i < historyHours; i += chunkRows) {
        const end = Math.min(i + chunkRows, historyHours);
        await insertDemand(tx, spec.slug, series.timestamps.slice(i, end), series.demand.slice(i, end), series.temperatures.slice(i, end));
        onProgress?.((done += end - i), total);
      }
      for (let i = 0; i < weatherTs.length; i += chunkRows) {
        const end = Math.min(i + chunkRows, weatherTs.length);
        await insertWeather(tx, spec.slug, weatherTs.slice(i, end), weatherTemps.slice(i, end));
        onProgress?.((done += end - i), total);
      }
    }
  });
  return {
    seeded: true,
    cities: cities.length,
    demandRows: cities.length * historyHours,
    weatherRows: cities.length * (historyHours + forecastHours),
    from: new Date(from),
    to: new Date(lastHour),
    weatherTo: new Date(lastHour + forecastHours * HOUR_MS),
    durationMs: performance.now() - started,
  };
}

/**
 * Seeds an empty database; on a database seeded earlier, extends history and weather up to
 * `now` (a persisted PGlite restarted days later still has today's weather).
 */
export async function seedIfEmpty(db: Database, options: SeedOptions): Promise<SeedReport> {
  const { rows } = await db.query<{ cities: number; last_ms: number | null }>(
    'select_seed_state',
    `SELECT (SELECT count(*) FROM cities)::int AS cities,
            (SELECT (extract(epoch FROM max(ts)) * 1000)::float8 FROM demand_history) AS last_ms`,
  );
  const state = rows[0];
  if (!state || state.last_ms === null) return seedDatabase(db, options);
  const lastHour = floorHour(options.now ?? Date.now());
  if (state.last_ms >= lastHour) {
    return { seeded: false, cities: 0, demandRows: 0, weatherRows: 0, from: null, to: null, weatherTo: null, durationMs: 0 };
  }
  // Days back to (and including) the last stored hour; overlapping rows are skipped by the inserts.
  const days = Math.ceil((lastHour - state.last_ms + HOUR_MS) / DAY_MS);
  return seedDatabase(db, { ...options, cities: Math.max(1, state.cities), days });
}

async function insertDemand(tx: Queryable, city: string, ts: number[], demand: number[], temps: number[]): Promise<void> {
  await tx.query(
    'insert_demand_history',
    `INSERT INTO demand_history (city, ts, demand_mw, temperature_c)
     SELECT $1, to_timestamp(u.ms / 1000), u.demand, u.temp
       FROM unnest($2::float8[], $3::float8[], $4::float8[]) AS u(ms, demand, temp)
     ON CONFLICT (city, ts) DO NOTHING`,
    [city, ts, demand, temps],
  );
}

async function insertWeather(tx: Queryable, city: string, ts: number[], temps: number[]): Promise<void> {
  await tx.query(
    'insert_weather',
    `INSERT INTO weather (city, ts, temperature_c)
     SELECT $1, to_timestamp(u.ms / 1000), u.temp
       FROM unnest($2::float8[], $3::float8[]) AS u(ms, temp)
     ON CONFLICT (city, ts) DO NOTHING`,
    [city, ts, temps],
  );
}
