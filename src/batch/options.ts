// Options of the batcher, their defaults, and the validation run at construction and on configure().

/** Options of {@link Batcher}; all can be changed at runtime with `configure()`. */
export interface BatcherOptions {
  /**
   * Items per batch: a batch is cut as soon as this many are queued (`BATCH_MAX_SIZE`).
   * @defaultValue 32
   */
  maxBatchSize: number;
  /**
   * How long the first item of a batch waits for more before the batch is cut, in ms
   * (`BATCH_MAX_WAIT_TIME`). 0 still groups the items submitted in the same tick.
   * @defaultValue 5
   */
  maxWaitMs: number;
  /**
   * Batches processed at once; the rest stay queued (`BATCH_MAX_CONCURRENT`).
   * @defaultValue 4
   */
  maxConcurrentBatches: number;
  /**
   * Items allowed to wait; a submit beyond it is refused with BatchQueueFullError (`BATCH_MAX_QUEUE`).
   * @defaultValue 1000
   */
  maxQueue: number;
  /**
   * When false, every item is processed alone and at once (`BATCH_ENABLED`): the baseline to
   * compare batching against.
   * @defaultValue true
   */
  enabled: boolean;
  /**
   * Name in spans and logs.
   * @defaultValue 'batch'
   */
  name: string;
}

/** The defaults filled in by the constructor. */
export const batcherDefaults: Readonly<BatcherOptions> = Object.freeze({
  maxBatchSize: 32,
  maxWaitMs: 5,
  maxConcurrentBatches: 4,
  maxQueue: 1000,
  enabled: true,
  name: 'batch',
});

const positiveInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

const rules: { [K in keyof BatcherOptions]: [check: (v: unknown) => boolean, rule: string] } = {
  maxBatchSize: [positiveInt, 'a positive integer'],
  maxWaitMs: [(v) => typeof v === 'number' && Number.isFinite(v) && v >= 0, 'a finite number ≥ 0 (ms)'],
  maxConcurrentBatches: [positiveInt, 'a positive integer'],
  maxQueue: [positiveInt, 'a positive integer'],
  enabled: [(v) => typeof v === 'boolean', 'a boolean'],
  name: [(v) => typeof v === 'string' && v.length > 0, 'a non-empty string'],
};

/**
 * `base` with `patch` applied (undefined fields ignored). Throws a RangeError naming the option
 * and its rule when a value is invalid, or a TypeError for an unknown option.
 */
export function mergeBatcherOptions(base: BatcherOptions, patch: Partial<BatcherOptions> = {}): BatcherOptions {
  const next: BatcherOptions = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(rules, key)) throw new TypeError(`unknown batcher option ${JSON.stringify(key)}`);
    const [check, rule] = rules[key as keyof BatcherOptions];
    if (!check(value)) throw new RangeError(`batcher option ${key} must be ${rule}, got ${JSON.stringify(value)}`);
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}
