// The batcher of seed 002: concurrent submissions are grouped into batches, cut by size or by
// the first item's wait, and processed with a bound on the batches in flight.
import { context, trace, SpanStatusCode, type Context } from '@opentelemetry/api';
import { logger } from '../log/index.js';
import { domainMetrics } from '../telemetry/metrics.js';
import { BatchQueueFullError, BatchResultMismatchError, BatcherClosedError } from './errors.js';
import { batcherDefaults, mergeBatcherOptions, type BatcherOptions } from './options.js';
import { recordWaits, startBatchSpan } from './span.js';
import { BatchCounters, type BatchStats } from './stats.js';

/** Turns a batch of inputs into one output per input, in order. */
export type ProcessBatch<I, O> = (items: I[]) => Promise<O[]> | O[];

interface Pending<I, O> {
  item: I;
  at: number;
  ctx: Context;
  resolve: (value: O) => void;
  reject: (err: unknown) => void;
}

/** Groups submissions into batches for `process`. */
export class Batcher<I, O> {
  readonly #process: ProcessBatch<I, O>;
  #options: BatcherOptions;
  #queue: Pending<I, O>[] = [];
  #timer: NodeJS.Timeout | undefined;
  #inFlight = 0;
  #closed = false;
  readonly #running = new Set<Promise<void>>();
  readonly #counters = new BatchCounters();

  /** Validates `options` (a RangeError names the option and its rule) over the defaults. */
  constructor(process: ProcessBatch<I, O>, options: Partial<BatcherOptions> = {}) {
    this.#process = process;
    this.#options = mergeBatcherOptions(batcherDefaults, options);
  }

  /** Queues `item`; resolves with its output, or rejects with its batch's error or BatchQueueFullError. */
  submit(item: I): Promise<O> {
    if (this.#closed) return Promise.reject(new BatcherClosedError(this.#options.name));
    const { enabled, maxQueue, maxBatchSize } = this.#options;
    if (enabled && this.#queue.length >= maxQueue) {
      this.#counters.rejected++;
      return Promise.reject(new BatchQueueFullError(this.#queue.length, this.#retryAfterSeconds()));
    }
    return new Promise<O>((resolve, reject) => {
      const pending: Pending<I, O> = { item, at: performance.now(), ctx: context.active(), resolve, reject };
      if (!enabled) return this.#run([pending]);
      this.#queue.push(pending);
      if (this.#queue.length >= maxBatchSize) this.#drain();
      else this.#arm();
    });
  }

  /** Applies `patch` at runtime (validated as in the constructor); returns the new options. */
  configure(patch: Partial<BatcherOptions>): BatcherOptions {
    this.#options = mergeBatcherOptions(this.#options, patch);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    // A smaller size or wait may make batches due now; disabling flushes what waits.
    this.#drain(!this.#options.enabled);
    logger().info({ batcher: this.#options.name, ...this.#options }, 'batcher reconfigured');
    return this.config();
  }

  /** The options in effect. */
  config(): BatcherOptions {
    return { ...this.#options };
  }

  /** Seed 002's statistics. */
  stats(): BatchStats {
    const { maxBatchSize, enabled } = this.#options;
    return this.#counters.snapshot(maxBatchSize, this.#queue.length, this.#inFlight, enabled);
  }

  /** Refuses new items, flushes the queued ones (still within the concurrency bound) and waits for every batch. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#drain(true);
    while (this.#running.size > 0 || this.#queue.length > 0) {
      await Promise.all(this.#running);
      this.#drain(true);
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  // Cuts every batch that is due (full, or its first item waited long enough) while a slot is free.
  #drain(force = false): void {
    const { maxBatchSize, maxWaitMs, maxConcurrentBatches } = this.#options;
    const flush = force || this.#closed;
    while (this.#queue.length > 0 && this.#inFlight < maxConcurrentBatches) {
      const due = flush || this.#queue.length >= maxBatchSize || performance.now() - this.#queue[0]!.at >= maxWaitMs;
      if (!due) break;
      this.#run(this.#queue.splice(0, maxBatchSize));
    }
    this.#arm();
  }

  // One timer, for the oldest item's deadline; none while every slot is busy (a finishing batch drains).
  #arm(): void {
    if (this.#timer || this.#queue.length === 0 || this.#inFlight >= this.#options.maxConcurrentBatches) return;
    const remaining = this.#queue[0]!.at + this.#options.maxWaitMs - performance.now();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#drain();
    }, Math.max(0, remaining));
  }

  #run(batch: Pending<I, O>[]): void {
    this.#inFlight++;
    const run = this.#execute(batch).finally(() => {
      this.#inFlight--;
      this.#running.delete(run);
      this.#drain();
    });
    this.#running.add(run);
  }

  // Never rejects: the batch's outcome goes to its items' promises.
  async #execute(batch: Pending<I, O>[]): Promise<void> {
    const start = performance.now();
    const waits = batch.map((p) => start - p.at);
    recordWaits(this.#options.name, batch, start, batch.length);
    const span = startBatchSpan(this.#options.name, batch.map((p) => p.ctx), Math.round(waits[0]! * 1000) / 1000);
    let failed = false;
    try {
      const items = batch.map((p) => p.item);
      // Only a recorded batch sets a context (context.ts: an untraced one must not switch it on).
      const results = span.isRecording() ? await context.with(trace.setSpan(batch[0]!.ctx, span), () => this.#process(items)) : await this.#process(items);
      if (!Array.isArray(results) || results.length !== batch.length) {
        throw new BatchResultMismatchError(batch.length, Array.isArray(results) ? results.length : 0);
      }
      for (let i = 0; i < batch.length; i++) batch[i]!.resolve(results[i]!);
    } catch (err) {
      failed = true;
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.message });
      logger().warn({ batcher: this.#options.name, size: batch.length, err: (err as Error)?.message }, 'batch failed');
      for (const p of batch) p.reject(err);
    } finally {
      span.end();
      const processingMs = performance.now() - start;
      const m = domainMetrics();
      m.batchSize.record(batch.length);
      m.batchProcessing.record(processingMs / 1000);
      this.#counters.recordBatch(waits, processingMs, failed);
    }
  }

  #retryAfterSeconds(): number {
    const { maxBatchSize, maxConcurrentBatches } = this.#options;
    const rounds = Math.ceil(this.#queue.length / maxBatchSize / maxConcurrentBatches);
    return Math.max(1, Math.ceil((rounds * this.#counters.meanProcessingMs()) / 1000));
  }
}
