// Maps the typed errors of the domain (prediction, batcher) onto the API's error table, by
// their stable `code`, so no error is recognised by its message.
import { BatchQueueFullError } from '../batch/index.js';
import { DatabaseUnavailableError } from '../db/index.js';
import { PredictionError } from '../prediction/index.js';
import { SilenceError } from '../rules/silence-error.js';
import { ThresholdError } from '../rules/threshold-error.js';
import { ApiError } from './errors.js';

/** The ApiError for a known domain error, or undefined for anything else. */
export function fromDomainError(err: unknown): ApiError | undefined {
  if (err instanceof PredictionError) return new ApiError(err.code, err.message, { details: err.details });
  if (err instanceof BatchQueueFullError) {
    return new ApiError('BATCH_QUEUE_FULL', err.message, {
      details: { queue_size: err.queueSize },
      headers: { 'Retry-After': String(Math.max(1, Math.ceil(err.retryAfterSeconds))) },
    });
  }
  // An outage, not a bug: the client may retry, and the rest of the API (cached forecasts) still answers.
  if (err instanceof DatabaseUnavailableError) {
    return new ApiError('DATABASE_UNAVAILABLE', 'the database is unavailable; retry later', {
      headers: { 'Retry-After': String(err.retryAfterSeconds) },
    });
  }
  if (err instanceof ThresholdError) {
    return new ApiError('VALIDATION_FAILED', `invalid thresholds: ${err.message}`, {
      details: { fields: [{ field: err.field, message: err.message }] },
    });
  }
  if (err instanceof SilenceError) {
    return new ApiError('VALIDATION_FAILED', `invalid silence: ${err.message}`, { details: { fields: [{ field: 'silence', message: err.message }] } });
  }
  return undefined;
}
