// Calendar phases in a city's local (standard) time, shared by the data generator and the model
// features so both see the same daily and weekly cycle. DST is ignored: a fixed UTC offset
// keeps the features a pure function of the timestamp.

/** Milliseconds in one hour. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in one day. */
export const DAY_MS = 24 * HOUR_MS;

// 1970-01-01 was a Thursday: 3 days (72 h) after the Monday that starts our week.
const EPOCH_HOURS_AFTER_MONDAY = 72;

const mod = (x: number, m: number) => ((x % m) + m) % m;

/** Local hour of day in [0, 24), fractional for offsets such as +5:30. */
export function hourOfDay(ms: number, utcOffsetHours: number): number {
  return mod(ms / HOUR_MS + utcOffsetHours, 24);
}

/** Local hour of week in [0, 168), 0 = Monday 00:00. */
export function hourOfWeek(ms: number, utcOffsetHours: number): number {
  return mod(ms / HOUR_MS + utcOffsetHours + EPOCH_HOURS_AFTER_MONDAY, 168);
}

/** Day of year in [0, 365.25), from UTC (a few hours of offset do not matter for seasons). */
export function dayOfYear(ms: number): number {
  const date = new Date(ms);
  return (ms - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS;
}

/** `ms` floored to the start of its UTC hour. */
export function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}
