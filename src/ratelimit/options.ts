// Options of the per-client limits, and the validation their constructor runs: each rule broken
// is named with the option and the value given.
import type { Redis } from 'ioredis';

/** The limits a client is held to. */
export type LimitScope = 'api' | 'admin' | 'auth';

/** One limit: `points` requests (or failures) per `durationSeconds`, per client. */
export interface ScopeLimit {
  points: number;
  durationSeconds: number;
}

/** Wrong credentials: after `points` of them within `durationSeconds`, `blockSeconds` refused. */
export interface FailureLimit extends ScopeLimit {
  blockSeconds: number;
}

/** Options of {@link ClientLimits}. A limit left out is off. */
export interface ClientLimitsOptions {
  /** Every API call (RATE_LIMIT_API_*). */
  api?: ScopeLimit;
  /** Admin calls, on top of `api` (RATE_LIMIT_ADMIN_*). */
  admin?: ScopeLimit;
  /** Wrong credentials: admin tokens, the alert webhook's (RATE_LIMIT_AUTH_*). */
  authFailures?: FailureLimit;
  /**
   * A connected ioredis client: the counts live in Redis, so every instance on it shares one
   * limit. Without it, or while Redis fails, each instance counts in memory.
   */
  redis?: Redis;
  /** Prefix of the Redis keys. @defaultValue 'foresight:ratelimit' */
  keyPrefix?: string;
}

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Throws a RangeError naming the first field of `limit` that is not a positive integer. */
export function checkLimit(name: string, limit: ScopeLimit | FailureLimit | undefined): void {
  if (limit === undefined) return;
  for (const [field, value] of Object.entries(limit)) {
    if (!positiveInt(value)) throw new RangeError(`rate limit ${name}.${field} must be a positive integer, got ${String(value)}`);
  }
}
