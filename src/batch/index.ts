// Public entry of the batcher: groups concurrent inference requests into batches (seed 002).
export { Batcher, type ProcessBatch } from './batcher.js';
export { batcherDefaults, type BatcherOptions } from './options.js';
export { BatchQueueFullError, BatchResultMismatchError, BatcherClosedError } from './errors.js';
export type { BatchStats } from './stats.js';
