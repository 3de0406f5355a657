// Option validation of the batcher: defaults, each rule its own test, and runtime configure().
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { Batcher, batcherDefaults, type BatcherOptions } from '../../src/batch/index.js';

const echo = (items: number[]) => items;
const rejects = (options: Partial<BatcherOptions>, pattern: RegExp) => assert.throws(() => new Batcher(echo, options), pattern);

test('defaults are 32 items, 5 ms, 4 concurrent, 1000 queued, enabled', () => {
  assert.deepEqual(new Batcher(echo).config(), { ...batcherDefaults });
  assert.deepEqual(batcherDefaults, { maxBatchSize: 32, maxWaitMs: 5, maxConcurrentBatches: 4, maxQueue: 1000, enabled: true, name: 'batch' });
});

test('maxBatchSize must be a positive integer', () => {
  rejects({ maxBatchSize: 0 }, /batcher option maxBatchSize must be a positive integer, got 0/);
  rejects({ maxBatchSize: 1.5 }, /maxBatchSize/);
});

test('maxWaitMs must be a finite number ≥ 0', () => {
  rejects({ maxWaitMs: -1 }, /batcher option maxWaitMs must be a finite number ≥ 0 \(ms\), got -1/);
  rejects({ maxWaitMs: Number.POSITIVE_INFINITY }, /maxWaitMs/);
  assert.equal(new Batcher(echo, { maxWaitMs: 0 }).config().maxWaitMs, 0);
});

test('maxConcurrentBatches must be a positive integer', () => {
  rejects({ maxConcurrentBatches: 0 }, /batcher option maxConcurrentBatches must be a positive integer, got 0/);
});

test('maxQueue must be a positive integer', () => {
  rejects({ maxQueue: -3 }, /batcher option maxQueue must be a positive integer, got -3/);
});

test('enabled must be a boolean', () => {
  rejects({ enabled: 'yes' as unknown as boolean }, /batcher option enabled must be a boolean, got "yes"/);
});

test('name must be a non-empty string', () => {
  rejects({ name: '' }, /batcher option name must be a non-empty string/);
});

test('unknown options are refused', () => {
  rejects({ maxBatch: 3 } as unknown as Partial<BatcherOptions>, /unknown batcher option "maxBatch"/);
});

test('configure validates, applies and returns the new options; a bad patch changes nothing', () => {
  const b = new Batcher(echo);
  const next = b.configure({ maxBatchSize: 8, maxWaitMs: 2, maxBatch: undefined } as Partial<BatcherOptions>);
  assert.equal(next.maxBatchSize, 8);
  assert.equal(next.maxWaitMs, 2);
  assert.throws(() => b.configure({ maxBatchSize: 8, maxQueue: 0 }), /maxQueue must be a positive integer/);
  assert.deepEqual(b.config(), next);
  next.maxBatchSize = 99; // a copy: mutating it does nothing
  assert.equal(b.config().maxBatchSize, 8);
});
