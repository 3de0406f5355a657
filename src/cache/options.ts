// Options of the tiered cache, their defaults, and the validation the constructor runs.

/** Options of {@link TieredCache}; every field but `redisUrl` has a default. */
export interface CacheOptions {
  /**
   * Entry bound of the in-process (L1) LRU (`CACHE_MAX_SIZE`).
   * @defaultValue 2000
   */
  maxEntries: number;
  /**
   * TTL of an entry set without its own (`CACHE_DEFAULT_TTL`), in seconds.
   * @defaultValue 3600
   */
  defaultTtlSeconds: number;
  /**
   * Fraction of a TTL (0..1) taken off at random, so keys set together do not expire together
   * (`CACHE_TTL_JITTER`).
   * @defaultValue 0.1
   */
  ttlJitter: number;
  /**
   * Redis URL of the shared L2 tier (`REDIS_URL`); unset keeps the cache in-process only.
   * @defaultValue undefined
   */
  redisUrl?: string;
  /**
   * A Redis command slower than this counts as a miss (`REDIS_COMMAND_TIMEOUT_MS`), in ms.
   * @defaultValue 50
   */
  commandTimeoutMs: number;
  /**
   * Prefix of every Redis key, so several apps can share one Redis.
   * @defaultValue 'foresight:'
   */
  keyPrefix: string;
}

/** The defaults filled in by the constructor. */
export const cacheDefaults: Readonly<Omit<CacheOptions, 'redisUrl'>> = Object.freeze({
  maxEntries: 2000,
  defaultTtlSeconds: 3600,
  ttlJitter: 0.1,
  commandTimeoutMs: 50,
  keyPrefix: 'foresight:',
});

const positiveInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** Fills in defaults and rejects invalid options with a message naming the option and the rule. */
export function resolveCacheOptions(partial: Partial<CacheOptions> = {}): CacheOptions {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const o: CacheOptions = { ...cacheDefaults, ...defined };
  if (!positiveInt(o.maxEntries)) {
    throw new RangeError(`cache option maxEntries must be a positive integer, got ${String(o.maxEntries)}`);
  }
  if (!positiveInt(o.defaultTtlSeconds)) {
    throw new RangeError(
      `cache option defaultTtlSeconds must be a positive integer (seconds), got ${String(o.defaultTtlSeconds)}`,
    );
  }
  if (typeof o.ttlJitter !== 'number' || !(o.ttlJitter >= 0 && o.ttlJitter <= 1)) {
    throw new RangeError(`cache option ttlJitter must be a number from 0 to 1, got ${String(o.ttlJitter)}`);
  }
  if (!positiveInt(o.commandTimeoutMs)) {
    throw new RangeError(
      `cache option commandTimeoutMs must be a positive integer (ms), got ${String(o.commandTimeoutMs)}`,
    );
  }
  if (typeof o.keyPrefix !== 'string') {
    throw new TypeError(`cache option keyPrefix must be a string, got ${typeof o.keyPrefix}`);
  }
  if (o.redisUrl !== undefined) {
    const protocol = URL.canParse(o.redisUrl) ? new URL(o.redisUrl).protocol : undefined;
    if (protocol === undefined) {
      throw new TypeError(`cache option redisUrl must be a URL, got ${JSON.stringify(o.redisUrl)}`);
    }
    if (protocol !== 'redis:' && protocol !== 'rediss:') {
      throw new TypeError(`cache option redisUrl must use redis: or rediss:, got ${JSON.stringify(protocol)}`);
    }
  }
  return o;
}

/** Validates a per-call TTL; `undefined` means the default. */
export function checkTtl(ttlSeconds: number | undefined): void {
  if (ttlSeconds !== undefined && !positiveInt(ttlSeconds)) {
    throw new RangeError(`cache ttlSeconds must be a positive integer (seconds), got ${String(ttlSeconds)}`);
  }
}

/**
 * The TTL actually applied, in ms: `ttlSeconds` minus up to `jitter` of it, never under 1 s.
 * Taking jitter off (never adding) keeps every entry within the TTL its caller asked for.
 */
export function jitteredTtlMs(ttlSeconds: number, jitter: number, random: () => number = Math.random): number {
  const ms = ttlSeconds * 1000;
  return Math.max(Math.min(1000, ms), Math.round(ms * (1 - jitter * random())));
}
