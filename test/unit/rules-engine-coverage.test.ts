// The read window of an expression and the coverage check built on it: an evaluation over part
// of a rule's window may raise alerts but ends none (see src/rules/engine/coverage.ts).
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { CoverageCheck } from '../../src/rules/engine/coverage.js';
import { parsePromQL, readWindowMs } from '../../src/rules/promql/index.js';
import type { QuerySource, SourceCoverage } from '../../src/rules/types.js';
import { alertRule, recordingRule, ruleSetOf } from '../helpers/rules-engine.js';

const MIN = 60_000;

test('readWindowMs: the widest offset + range of the selectors, instant selectors read 0 back', () => {
  const w = (expr: string) => readWindowMs(parsePromQL(expr));
  assert.equal(w('up'), 0);
  assert.equal(w('rate(x[5m])'), 5 * MIN);
  assert.equal(w('rate(x[5m] offset 1h) > 2'), 65 * MIN);
  assert.equal(w('sum by (a) (rate(x[1m])) / sum by (a) (increase(y[30m]))'), 30 * MIN);
  assert.equal(w('quantile(0.9, max_over_time(x[10m]))'), 10 * MIN);
  assert.equal(w('-absent(z)'), 0);
});

function sourceWith(sinceMs: number | undefined, retentionMs = 3_600_000): QuerySource {
  const coverage: SourceCoverage = {
    sinceMs,
    retentionMs,
    readWindowMs: (expr, inherited) => readWindowMs(parsePromQL(expr), inherited),
  };
  return { name: 'embedded', query: async () => [], check: () => {}, coverage: () => coverage };
}

test('CoverageCheck: none before the first sample, partial until the window is held, full after', () => {
  const rule = alertRule({ name: 'A', expr: 'rate(x[5m]) > 1' });
  const set = ruleSetOf([rule]);
  assert.equal(new CoverageCheck(sourceWith(undefined), () => set).of(rule, 10 * MIN), 'none');
  assert.equal(new CoverageCheck(sourceWith(8 * MIN), () => set).of(rule, 10 * MIN), 'partial');
  assert.equal(new CoverageCheck(sourceWith(5 * MIN), () => set).of(rule, 10 * MIN), 'full');
  const prometheus: QuerySource = { name: 'prometheus', query: async () => [], check: () => {} };
  assert.equal(new CoverageCheck(prometheus, () => set).of(rule, 0), 'full', 'a source with history is always full');
});

test('CoverageCheck: an alert over a recorded series inherits the recording rule window, capped at retention', () => {
  const alert = alertRule({ name: 'B', expr: 'job:x:rate30m > 1' });
  const set = ruleSetOf([recordingRule('job:x:rate30m', 'sum(rate(x[30m]))'), alert]);
  assert.equal(new CoverageCheck(sourceWith(0), () => set).of(alert, 29 * MIN), 'partial');
  assert.equal(new CoverageCheck(sourceWith(0), () => set).of(alert, 30 * MIN), 'full');
  const long = alertRule({ name: 'C', expr: 'rate(x[3d]) > 1' });
  const capped = new CoverageCheck(sourceWith(0, 60 * MIN), () => ruleSetOf([long]));
  assert.equal(capped.of(long, 60 * MIN), 'full', 'a window beyond retention is as held as it will ever be after retention');
});
