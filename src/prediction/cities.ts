// The seed catalogue: real cities with their coordinates, standard UTC offset, a plausible base
// load, and a climate (annual mean, seasonal and day–night swing) that drives the weather.
import type { City } from './records.js';

/** A city of the seed catalogue: the `cities` row plus the climate that drives its weather. */
export interface CitySpec extends City {
  /** Annual mean temperature, °C. */
  meanTempC: number;
  /** Half the summer–winter difference of daily means, °C. */
  seasonalAmpC: number;
  /** Half the day–night difference, °C. */
  diurnalAmpC: number;
}

type Row = [string, string, string, number, number, number, number, number, number, number];

// slug, name, country, lat, lon, utc offset, base MW, mean °C, seasonal ±°C, diurnal ±°C
const rows: Row[] = [
  ['new-york', 'New York', 'US', 40.71, -74.01, -5, 6000, 12.9, 12.5, 4.5],
  ['london', 'London', 'GB', 51.51, -0.13, 0, 5800, 11.5, 6.5, 4],
  ['tokyo', 'Tokyo', 'JP', 35.68, 139.69, 9, 9500, 16, 10, 4.5],
  ['sao-paulo', 'São Paulo', 'BR', -23.55, -46.63, -3, 6500, 19.5, 3.5, 5.5],
  ['delhi', 'Delhi', 'IN', 28.61, 77.21, 5.5, 6500, 25, 8.5, 6.5],
  ['sydney', 'Sydney', 'AU', -33.87, 151.21, 10, 4200, 18, 5, 4.5],
  ['berlin', 'Berlin', 'DE', 52.52, 13.4, 1, 3600, 10, 9.5, 4.5],
  ['phoenix', 'Phoenix', 'US', 33.45, -112.07, -7, 3800, 24, 10.5, 7.5],
  ['dubai', 'Dubai', 'AE', 25.2, 55.27, 4, 4700, 28, 7.5, 5.5],
  ['moscow', 'Moscow', 'RU', 55.76, 37.62, 3, 7000, 5.8, 13.5, 4],
  ['singapore', 'Singapore', 'SG', 1.35, 103.82, 8, 6000, 27.6, 0.8, 3.5],
  ['chicago', 'Chicago', 'US', 41.88, -87.63, -6, 5000, 10.5, 14.5, 5],
  ['paris', 'Paris', 'FR', 48.86, 2.35, 1, 5400, 12.5, 7.5, 4.5],
  ['mumbai', 'Mumbai', 'IN', 19.08, 72.88, 5.5, 3600, 27.5, 2.5, 4],
  ['cairo', 'Cairo', 'EG', 30.04, 31.24, 2, 5300, 22, 7.5, 6.5],
  ['toronto', 'Toronto', 'CA', 43.65, -79.38, -5, 4200, 9, 13.5, 4.5],
  ['madrid', 'Madrid', 'ES', 40.42, -3.7, 1, 3900, 15, 10, 6.5],
  ['seoul', 'Seoul', 'KR', 37.57, 126.98, 9, 6200, 12.5, 14, 5],
  ['johannesburg', 'Johannesburg', 'ZA', -26.2, 28.05, 2, 3500, 16, 5, 7],
  ['houston', 'Houston', 'US', 29.76, -95.37, -6, 5500, 21, 8, 5.5],
  ['stockholm', 'Stockholm', 'SE', 59.33, 18.07, 1, 2200, 7, 10, 3.5],
  ['mexico-city', 'Mexico City', 'MX', 19.43, -99.13, -6, 4800, 16.5, 2.5, 7],
  ['istanbul', 'Istanbul', 'TR', 41.01, 28.98, 3, 5600, 15, 8.5, 4],
  ['shanghai', 'Shanghai', 'CN', 31.23, 121.47, 8, 8500, 17, 11, 4.5],
  ['buenos-aires', 'Buenos Aires', 'AR', -34.6, -58.38, -3, 4500, 18, 6.5, 5],
  ['los-angeles', 'Los Angeles', 'US', 34.05, -118.24, -8, 5200, 18.6, 4.5, 5.5],
  ['rome', 'Rome', 'IT', 41.9, 12.5, 1, 3300, 15.7, 8.5, 5.5],
  ['lagos', 'Lagos', 'NG', 6.52, 3.38, 1, 2600, 27, 1.5, 4],
  ['beijing', 'Beijing', 'CN', 39.9, 116.41, 8, 8000, 12.5, 15, 6],
  ['auckland', 'Auckland', 'NZ', -36.85, 174.76, 12, 1600, 15.5, 4, 4],
];

/** Every city the seed step can write, in seed order (SEED_CITIES takes a prefix). */
export const CITY_CATALOGUE: readonly CitySpec[] = rows.map(
  ([slug, name, country, latitude, longitude, utcOffsetHours, baseLoadMw, meanTempC, seasonalAmpC, diurnalAmpC]) => ({
    slug, name, country, latitude, longitude, utcOffsetHours, baseLoadMw, meanTempC, seasonalAmpC, diurnalAmpC,
  }),
);

/** The first `count` cities of the catalogue; rejects a count the catalogue cannot serve. */
export function seedCities(count: number): CitySpec[] {
  if (!Number.isInteger(count) || count < 1 || count > CITY_CATALOGUE.length) {
    throw new RangeError(`cities must be an integer in 1..${CITY_CATALOGUE.length}, got ${count}`);
  }
  return CITY_CATALOGUE.slice(0, count);
}
