// A refused silence, with the reason (a bad matcher, an end before the start).

/** Thrown by silence creation; the API answers 400 VALIDATION_FAILED with the reason. */
export class SilenceError extends Error {
  override readonly name = 'SilenceError';
}
