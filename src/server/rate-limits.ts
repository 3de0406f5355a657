// The configuration mapped onto the per-client rate limits (RATE_LIMIT_*): all of them, or with
// RATE_LIMIT_ENABLED=false none (the benchmarks and the tests load the API from one address).
import type { Redis } from 'ioredis';
import type { Config } from '../config/index.js';
import type { ClientLimitsOptions } from '../ratelimit/index.js';

/** The parts of the configuration the rate limits read. */
export type RateLimitConfig = Pick<
  Config,
  | 'RATE_LIMIT_ENABLED'
  | 'RATE_LIMIT_API_REQUESTS'
  | 'RATE_LIMIT_API_WINDOW_SECONDS'
  | 'RATE_LIMIT_ADMIN_REQUESTS'
  | 'RATE_LIMIT_ADMIN_WINDOW_SECONDS'
  | 'RATE_LIMIT_AUTH_FAILURES'
  | 'RATE_LIMIT_AUTH_WINDOW_SECONDS'
  | 'RATE_LIMIT_AUTH_BLOCK_SECONDS'
>;

/** Options of the ClientLimits for `config`, counting in `redis` when given. */
export function clientLimitsOptions(config: RateLimitConfig, redis?: Redis): ClientLimitsOptions {
  if (!config.RATE_LIMIT_ENABLED) return {};
  return {
    api: { points: config.RATE_LIMIT_API_REQUESTS, durationSeconds: config.RATE_LIMIT_API_WINDOW_SECONDS },
    admin: { points: config.RATE_LIMIT_ADMIN_REQUESTS, durationSeconds: config.RATE_LIMIT_ADMIN_WINDOW_SECONDS },
    authFailures: {
      points: config.RATE_LIMIT_AUTH_FAILURES,
      durationSeconds: config.RATE_LIMIT_AUTH_WINDOW_SECONDS,
      blockSeconds: config.RATE_LIMIT_AUTH_BLOCK_SECONDS,
    },
    redis,
  };
}
