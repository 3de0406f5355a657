// Errors as a table of stable codes (searchable by users), each with its HTTP status.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error code the API answers with, and its HTTP status. */
export const errorCodes = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHORIZED: 401,
  ADMIN_DISABLED: 403,
  NOT_FOUND: 404,
  UNKNOWN_CITY: 404,
  MODEL_NOT_TRAINED: 404,
  NO_WEATHER_DATA: 404,
  INSUFFICIENT_HISTORY: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  API_RATE_LIMITED: 429,
  ADMIN_RATE_LIMITED: 429,
  AUTH_FAILURES_BLOCKED: 429,
  BATCH_QUEUE_FULL: 503,
  DATABASE_UNAVAILABLE: 503,
  NOT_READY: 503,
  INTERNAL: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorCodes;

/** The one HTTP error type: a stable code, a message naming what was wrong, and optional details. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; headers?: Record<string, string> } = {}) {
    super(errorCodes[code], { message });
    this.code = code;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}
