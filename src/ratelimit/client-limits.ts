// Per-client limits over rate-limiter-flexible. With a Redis client the counts are kept in Redis
// (one atomic script per request), so every instance on that Redis enforces one shared limit;
// each Redis limiter has an in-memory insurance limiter that takes over while Redis is down or
// not yet connected, so an outage costs the sharing, never a request. Without Redis the counts
// are in memory. Nothing here throws at a caller: a store failing past its insurance lets the
// request through (logged), because a limit is a guard, not a dependency.
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { logger } from '../log/index.js';
import { checkLimit, type ClientLimitsOptions, type LimitScope, type ScopeLimit } from './options.js';
import { refusalCounter } from './refusals.js';

/** A request refused: by which limit, and how long until the client may try again. */
export interface Refusal {
  scope: LimitScope;
  limit: ScopeLimit;
  retryAfterSeconds: number;
}

type Limiter = RateLimiterMemory | RateLimiterRedis;

interface Guard {
  limiter: Limiter;
  limit: ScopeLimit;
}

/** The api, admin and failed-auth limits of every client, keyed by the client's address. */
export class ClientLimits {
  readonly #guards: Partial<Record<LimitScope, Guard>> = {};
  readonly #blockSeconds: number;
  readonly #countRefusal: (scope: LimitScope) => void;

  /** Validates `options` (a RangeError names the field) and builds the limiters. */
  constructor(options: ClientLimitsOptions = {}) {
    checkLimit('api', options.api);
    checkLimit('admin', options.admin);
    checkLimit('authFailures', options.authFailures);
    const prefix = options.keyPrefix ?? 'foresight:ratelimit';
    const limits: Array<[LimitScope, ScopeLimit | undefined, number]> = [
      ['api', options.api, 0],
      ['admin', options.admin, 0],
      ['auth', options.authFailures, options.authFailures?.blockSeconds ?? 0],
    ];
    for (const [scope, limit, blockSeconds] of limits) {
      if (limit) this.#guards[scope] = { limiter: limiterFor(`${prefix}:${scope}`, limit, blockSeconds, options.redis), limit };
    }
    this.#blockSeconds = options.authFailures?.blockSeconds ?? 0;
    this.#countRefusal = refusalCounter();
  }

  /** True when at least one limit is on. */
  get enabled(): boolean {
    return Object.keys(this.#guards).length > 0;
  }

  /** Counts one request of `client` against `scope`; the refusal when it is over the limit. */
  async take(scope: 'api' | 'admin', client: string): Promise<Refusal | undefined> {
    const guard = this.#guards[scope];
    if (!guard) return undefined;
    try {
      await guard.limiter.consume(client);
      return undefined;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) return this.#storeFailed(scope, err);
      return this.#refuse(scope, guard.limit, err.msBeforeNext);
    }
  }

  /** The refusal while `client` is blocked for wrong credentials; undefined when it may try. */
  async authBlocked(client: string): Promise<Refusal | undefined> {
    const guard = this.#guards.auth;
    if (!guard) return undefined;
    let state: RateLimiterRes | null;
    try {
      state = await guard.limiter.get(client);
    } catch (err) {
      return this.#storeFailed('auth', err);
    }
    if (!state || state.remainingPoints > 0) return undefined;
    return this.#refuse('auth', guard.limit, state.msBeforeNext);
  }

  /** Counts wrong credentials (admin token, webhook) of `client`; the last failure allowed starts the block. */
  async authFailed(client: string): Promise<void> {
    const guard = this.#guards.auth;
    if (!guard) return;
    try {
      const state = await guard.limiter.consume(client);
      if (state.remainingPoints === 0) {
        await guard.limiter.block(client, this.#blockSeconds);
        // One line per block, not per refused call: a client guessing tokens cannot flood the log.
        logger().warn({ client, failures: guard.limit.points, blockSeconds: this.#blockSeconds }, 'client blocked after wrong credentials');
      }
    } catch (err) {
      // Over the limit already (concurrent failures): the limiter's blockDuration has blocked it.
      if (!(err instanceof RateLimiterRes)) this.#storeFailed('auth', err);
    }
  }

  /** A right token forgets the client's earlier failures: only consecutive failures block. */
  async authSucceeded(client: string): Promise<void> {
    await this.#guards.auth?.limiter.delete(client).catch((err: unknown) => this.#storeFailed('auth', err));
  }

  #refuse(scope: LimitScope, limit: ScopeLimit, msBeforeNext: number): Refusal {
    this.#countRefusal(scope);
    return { scope, limit, retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)) };
  }

  #storeFailed(scope: LimitScope, err: unknown): undefined {
    logger().warn({ scope, err: (err as Error)?.message ?? String(err) }, 'rate limit store failed; request let through');
    return undefined;
  }
}

function limiterFor(keyPrefix: string, limit: ScopeLimit, blockSeconds: number, redis: Redis | undefined): Limiter {
  const shape = { keyPrefix, points: limit.points, duration: limit.durationSeconds, blockDuration: blockSeconds };
  const memory = new RateLimiterMemory(shape);
  if (!redis) return memory;
  return new RateLimiterRedis({
    ...shape,
    storeClient: redis,
    // Not connected (yet, or any more): straight to the insurance, not into ioredis' error path.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
    // A client already over its limit is refused from memory until its window ends, so a flood
    // from one address costs Redis nothing. The auth limit is read with get(), which this skips.
    ...(blockSeconds === 0 ? { inMemoryBlockOnConsumed: limit.points + 1 } : {}),
  });
}
