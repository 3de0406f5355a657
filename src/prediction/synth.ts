// The synthetic ground truth: hourly temperature and electricity demand per city. Each value is
// a pure function of (city, hour), so any range can be generated in any order and always agrees.
import type { CitySpec } from './cities.js';
import { gaussianAt, hashString, mulberry32, smoothNoise } from './prng.js';
import { dayOfYear, HOUR_MS, hourOfDay, hourOfWeek } from './time.js';

// The ground truth's turning points, °C: demand rises for heating below the first and for cooling
// above the second. The model assumes its own (features.ts); a model whose bases match these fits best.
const HEATING_BASE_C = 16;
const COOLING_BASE_C = 22;
/** Standard deviation of the multiplicative demand noise (3 %: E|ε| ≈ 2.4 %). */
export const DEMAND_NOISE = 0.03;

// Noise streams: separate sequences from one city seed.
const STREAM_WEATHER_FAST = 1;
const STREAM_WEATHER_SLOW = 2;
const STREAM_DEMAND = 3;
const STREAM_CITY = 4;

/** City-specific constants, drawn once from the city's seed. */
export interface CityProfile {
  spec: CitySpec;
  seed: number;
  /** Fraction of base load added per heating degree. */
  heatingPerDegree: number;
  /** Fraction of base load added per cooling degree. */
  coolingPerDegree: number;
}

/** The profile of `spec`: its seed (the slug's hash) and its weather sensitivities. */
export function cityProfile(spec: CitySpec): CityProfile {
  const seed = hashString(spec.slug);
  const random = mulberry32(seed ^ STREAM_CITY);
  return { spec, seed, heatingPerDegree: 0.01 + 0.01 * random(), coolingPerDegree: 0.018 + 0.015 * random() };
}

/** Temperature at hour `ms`: seasonal and diurnal cycles plus weather drifting over hours and days. */
export function temperatureAt(profile: CityProfile, ms: number): number {
  const { spec, seed } = profile;
  const hour = Math.floor(ms / HOUR_MS);
  const peakDay = spec.latitude >= 0 ? 200 : 17; // mid-July north, mid-January south
  const seasonal = spec.seasonalAmpC * Math.cos((2 * Math.PI * (dayOfYear(ms) - peakDay)) / 365.25);
  const diurnal = spec.diurnalAmpC * Math.cos((2 * Math.PI * (hourOfDay(ms, spec.utcOffsetHours) - 15)) / 24);
  const weather = 1.2 * smoothNoise(seed, STREAM_WEATHER_FAST, hour, 6) + 2.5 * smoothNoise(seed, STREAM_WEATHER_SLOW, hour, 72);
  return round1(spec.meanTempC + seasonal + diurnal + weather);
}

/** Relative daily shape in local time: night trough, morning ramp, evening peak. */
export function dailyShape(localHour: number): number {
  const w = (2 * Math.PI) / 24;
  return (
    0.12 * Math.cos(w * (localHour - 15)) +
    0.05 * Math.cos(2 * w * (localHour - 8)) +
    0.02 * Math.cos(3 * w * (localHour - 19)) +
    0.01 * Math.cos(4 * w * (localHour - 7))
  );
}

// Working days at full load, a softer Monday morning, Saturday and Sunday lower.
const DAY_FACTORS = [-0.01, 0, 0, 0, 0, -0.06, -0.09];

/** Relative weekly shape by local hour of week (0 = Monday 00:00). */
export function weeklyShape(localHourOfWeek: number): number {
  return DAY_FACTORS[Math.floor(localHourOfWeek / 24) % 7] ?? 0;
}

/** Demand at hour `ms` given that hour's temperature: base load shaped by cycles and weather, with noise. */
export function demandAt(profile: CityProfile, ms: number, temperatureC: number): number {
  const { spec, seed } = profile;
  const heating = Math.max(0, HEATING_BASE_C - temperatureC) * profile.heatingPerDegree;
  const cooling = Math.max(0, temperatureC - COOLING_BASE_C) * profile.coolingPerDegree;
  const shape =
    1 +
    dailyShape(hourOfDay(ms, spec.utcOffsetHours)) +
    weeklyShape(hourOfWeek(ms, spec.utcOffsetHours)) +
    heating +
    cooling;
  const noise = 1 + DEMAND_NOISE * gaussianAt(seed, STREAM_DEMAND, Math.floor(ms / HOUR_MS));
  return round1(spec.baseLoadMw * shape * noise);
}

/** Hourly series of one city from `fromMs` (an hour start) for `hours` hours. */
export interface CitySeries {
  timestamps: number[];
  temperatures: number[];
  demand: number[];
}

/** Generates `hours` hourly values of temperature and demand starting at `fromMs`. */
export function generateSeries(profile: CityProfile, fromMs: number, hours: number): CitySeries {
  const series: CitySeries = { timestamps: [], temperatures: [], demand: [] };
  for (let i = 0; i < hours; i++) {
    const ms = fromMs + i * HOUR_MS;
    const temperature = temperatureAt(profile, ms);
    series.timestamps.push(ms);
    series.temperatures.push(temperature);
    series.demand.push(demandAt(profile, ms, temperature));
  }
  return series;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
