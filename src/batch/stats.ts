// The batch statistics of seed 002 (`/api/v1/performance/batch/statistics`).

/** Seed 002's batch statistics. Averages are since start; waits are per item, submit to batch cut. */
export interface BatchStats {
  total_batches: number;
  total_items: number;
  /** total_items / total_batches, two decimals. */
  average_batch_size: number;
  /** average_batch_size / maxBatchSize in percent, one decimal. */
  efficiency: number;
  average_wait_ms: number;
  max_wait_ms: number;
  /** Items waiting for a batch now. */
  queue_size: number;
  /** Batches being processed now. */
  in_flight: number;
  /** Submissions refused because the queue was full. */
  rejected: number;
  /** Batches whose process function failed (each of their items was rejected). */
  errors: number;
  enabled: boolean;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Running totals behind {@link BatchStats}. */
export class BatchCounters {
  batches = 0;
  items = 0;
  rejected = 0;
  errors = 0;
  waitMsSum = 0;
  waitMsMax = 0;
  processingMsSum = 0;

  /** Counts one batch of `waits` (ms each item waited) that took `processingMs`. */
  recordBatch(waits: number[], processingMs: number, failed: boolean): void {
    this.batches++;
    this.items += waits.length;
    for (const w of waits) {
      this.waitMsSum += w;
      if (w > this.waitMsMax) this.waitMsMax = w;
    }
    this.processingMsSum += processingMs;
    if (failed) this.errors++;
  }

  /** Mean processing time of a batch in ms (0 before the first). */
  meanProcessingMs(): number {
    return this.batches > 0 ? this.processingMsSum / this.batches : 0;
  }

  /** The snapshot, given the live values. */
  snapshot(maxBatchSize: number, queueSize: number, inFlight: number, enabled: boolean): BatchStats {
    const avg = this.batches > 0 ? this.items / this.batches : 0;
    return {
      total_batches: this.batches,
      total_items: this.items,
      average_batch_size: round(avg, 2),
      efficiency: round((avg / maxBatchSize) * 100, 1),
      average_wait_ms: this.items > 0 ? round(this.waitMsSum / this.items, 3) : 0,
      max_wait_ms: round(this.waitMsMax, 3),
      queue_size: queueSize,
      in_flight: inFlight,
      rejected: this.rejected,
      errors: this.errors,
      enabled,
    };
  }
}
