// A database that cannot be reached is an outage, not a bug: callers (the API's error table)
// answer it with 503 and Retry-After instead of 500. Recognised by the error's code, never by
// free text, except pg's own connection messages, which carry no code.
import type pg from 'pg';

// Node socket errors met when the server is down, restarting or unreachable.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// SQLSTATEs of a server that is going away or refusing work: class 08 (connection exception),
// 57P01-57P03 (admin/crash shutdown, cannot connect now), 53300 (too many connections), 57014
// (statement timeout: the server is too slow to answer within DB_STATEMENT_TIMEOUT_MS).
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
// pg-pool and pg raise these without a code.
const PG_MESSAGES = [/^Connection terminated/, /^timeout exceeded when trying to connect/, /^Client has encountered a connection error/, /^Connection closed/];

/** Seconds a client is told to wait before retrying. Short: the pool reconnects on the next query. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The database did not answer; `cause` is pg's error. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  readonly code = 'DATABASE_UNAVAILABLE';
  readonly retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;
  constructor(cause: unknown) {
    super(`database unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** True when `err` says the server could not be reached or is going away (not a bad query). */
export function isUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err instanceof DatabaseUnavailableError) return true;
  const code = (err as Partial<pg.DatabaseError> & { code?: string }).code;
  if (code && (SOCKET_CODES.has(code) || SQLSTATES.has(code) || /^08/.test(code))) return true;
  if (err instanceof AggregateError) return err.errors.some(isUnavailable);
  return !code && PG_MESSAGES.some((re) => re.test(err.message));
}

/** Rethrows an outage as {@link DatabaseUnavailableError}, anything else as it is. */
export function asUnavailable(err: unknown): never {
  throw isUnavailable(err) && !(err instanceof DatabaseUnavailableError) ? new DatabaseUnavailableError(err) : err;
}
