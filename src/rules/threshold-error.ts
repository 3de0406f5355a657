// A rejected threshold update, naming the field (e.g. `cache_hit_rate.warning`).

/** Thrown by threshold updates; the API answers 400 VALIDATION_FAILED with `field`. */
export class ThresholdError extends Error {
  override readonly name = 'ThresholdError';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}
