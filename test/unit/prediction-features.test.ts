// Features: column layout, local-time phases, degree days.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import { assertFeatureSpec, defaultFeatureSpec, featureCount, featureNames, writeFeatures } from '../../src/prediction/features.js';
import { hourOfDay, hourOfWeek } from '../../src/prediction/time.js';

test('the default spec has intercept, 3 daily and 2 weekly harmonics, heating and cooling degrees', () => {
  const spec = defaultFeatureSpec(0);
  assert.equal(featureCount(spec), 13);
  assert.deepEqual(featureNames(spec), [
    'intercept', 'daily_sin_1', 'daily_cos_1', 'daily_sin_2', 'daily_cos_2', 'daily_sin_3', 'daily_cos_3',
    'weekly_sin_1', 'weekly_cos_1', 'weekly_sin_2', 'weekly_cos_2', 'heating_degrees', 'cooling_degrees',
  ]);
});

test('phases follow local time, including half-hour offsets', () => {
  const mondayMidnightUtc = Date.UTC(2025, 0, 6); // 2025-01-06 was a Monday
  assert.equal(hourOfWeek(mondayMidnightUtc, 0), 0);
  assert.equal(hourOfDay(mondayMidnightUtc, 0), 0);
  assert.equal(hourOfDay(mondayMidnightUtc, 5.5), 5.5);
  // 01:00 UTC Monday is still Sunday 20:00 in New York (UTC−5).
  assert.equal(hourOfWeek(mondayMidnightUtc + 3_600_000, -5), 164);
});

test('writeFeatures fills the columns: cycle terms, and degree days from the temperature', () => {
  const spec = defaultFeatureSpec(0);
  const row = new Float64Array(featureCount(spec));
  const sixAm = Date.UTC(2025, 0, 6, 6);
  assert.equal(writeFeatures(spec, sixAm, 10, row), 13);
  assert.equal(row[0], 1);
  assert.ok(Math.abs(row[1]! - 1) < 1e-12, 'sin(2π·6/24) = 1');
  assert.ok(Math.abs(row[2]!) < 1e-12, 'cos(2π·6/24) = 0');
  assert.equal(row[11], spec.heatingBaseC - 10);
  assert.equal(row[12], 0);
  writeFeatures(spec, sixAm, 30, row);
  assert.equal(row[11], 0);
  assert.equal(row[12], 30 - spec.coolingBaseC);
});

test('assertFeatureSpec names the bad field', () => {
  assert.throws(() => assertFeatureSpec({ ...defaultFeatureSpec(0), dailyHarmonics: 1.5 }), /dailyHarmonics must be an integer in 0..12, got 1.5/);
  assert.throws(() => assertFeatureSpec({ ...defaultFeatureSpec(0), utcOffsetHours: Number.NaN }), /utcOffsetHours must be a finite number/);
});
