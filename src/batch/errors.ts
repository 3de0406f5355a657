// The errors a batcher rejects submissions with.

/** The queue holds `maxQueue` items: the caller should answer 503 with Retry-After. */
export class BatchQueueFullError extends Error {
  /** Stable code, the API's error table maps it to HTTP 503. */
  readonly code = 'BATCH_QUEUE_FULL';
  override readonly name = 'BatchQueueFullError';

  constructor(
    readonly queueSize: number,
    /** Seconds after which the queue is expected to have room, from the recent batch durations. */
    readonly retryAfterSeconds: number,
  ) {
    super(`batch queue is full (${queueSize} items waiting); retry after ${retryAfterSeconds} s`);
  }
}

/** The process function returned a result array whose length differs from its input's. */
export class BatchResultMismatchError extends Error {
  override readonly name = 'BatchResultMismatchError';

  constructor(readonly expected: number, readonly received: number) {
    super(`batch process function returned ${received} results for ${expected} items`);
  }
}

/** The batcher was closed; it accepts no new items. */
export class BatcherClosedError extends Error {
  override readonly name = 'BatcherClosedError';

  constructor(name: string) {
    super(`batcher ${JSON.stringify(name)} is closed`);
  }
}
