// Hourly temperatures, the model's weather input.
import type { Queryable } from '../db/index.js';
import { NoWeatherDataError } from './errors.js';
import { floorHour, HOUR_MS } from './time.js';

/** Options of {@link WeatherRepository}. */
export interface WeatherRepositoryOptions {
  /** Most hours one call may ask for. @defaultValue 744 (31 days) */
  maxHours?: number;
}

/** Reads the `weather` table. */
export class WeatherRepository {
  private readonly maxHours: number;

  constructor(
    private readonly db: Queryable,
    options: WeatherRepositoryOptions = {},
  ) {
    const { maxHours = 744 } = options;
    if (!Number.isInteger(maxHours) || maxHours < 1) {
      throw new RangeError(`WeatherRepository: maxHours must be an integer >= 1, got ${maxHours}`);
    }
    this.maxHours = maxHours;
  }

  /**
   * Temperatures of `city` for `hours` consecutive hours starting at the hour containing
   * `fromMs`, in one query (a range scan of the (city, ts) key). Throws NoWeatherDataError
   * when any hour is missing.
   */
  async hourly(city: string, fromMs: number, hours: number): Promise<number[]> {
    if (!Number.isFinite(fromMs)) throw new RangeError(`weather: fromMs must be a finite epoch time, got ${fromMs}`);
    if (!Number.isInteger(hours) || hours < 1 || hours > this.maxHours) {
      throw new RangeError(`weather: hours must be an integer in 1..${this.maxHours}, got ${hours}`);
    }
    const from = floorHour(fromMs);
    const { rows } = await this.db.query<{ temperature_c: number }>(
      'select_weather',
      'SELECT temperature_c FROM weather WHERE city = $1 AND ts >= $2 AND ts < $3 ORDER BY ts',
      [city, new Date(from), new Date(from + hours * HOUR_MS)],
    );
    if (rows.length !== hours) throw new NoWeatherDataError(city, from, hours, rows.length);
    return rows.map((r) => r.temperature_c);
  }
}
