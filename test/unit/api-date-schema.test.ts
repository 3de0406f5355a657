// The forecast route's date check (an arithmetic calendar test) against what Date itself says,
// over every day-of-month 00-32 of every month 00-13 of years around the Gregorian edge cases.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { isoDate } from '../../src/api/schemas.js';

// What the check replaced: a parse, then an ISO round-trip that must give the same date back.
const dateSays = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
const pad = (n: number, w: number) => String(n).padStart(w, '0');

test('isoDate agrees with Date on every month and day number of years around leap-year edges', () => {
  let checked = 0;
  let valid = 0;
  for (const year of [1, 4, 100, 400, 1600, 1899, 1900, 1999, 2000, 2023, 2024, 2025, 2026, 2100, 2400, 9999]) {
    for (let month = 0; month <= 13; month++) {
      for (let day = 0; day <= 32; day++) {
        const d = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        const ok = isoDate.safeParse(d).success;
        assert.equal(ok, dateSays(d), d);
        checked++;
        if (ok) valid++;
      }
    }
  }
  // 16 years of 365 or 366 days: the agreement covers real dates, not only rejections.
  assert.equal(checked, 16 * 14 * 33);
  assert.ok(valid >= 16 * 365, `${valid} valid dates`);
});

test('isoDate names what is wrong: the shape, or a day the calendar does not have', () => {
  const shape = isoDate.safeParse('2026-2-1');
  assert.equal(shape.success, false);
  assert.match(shape.error.issues[0]!.message, /YYYY-MM-DD/);
  const day = isoDate.safeParse('2023-02-29');
  assert.equal(day.success, false);
  assert.match(day.error.issues[0]!.message, /real calendar date/);
  assert.equal(isoDate.safeParse('2024-02-29').success, true);
});
