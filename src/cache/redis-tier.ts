// The shared tier (L2): JSON values in Redis under `prefix + 'v:' + key` with a PX expiry, and
// tags as sets `prefix + 'tag:' + tag` of keys. Every method resolves (never rejects): a failed,
// slow or skipped call is a miss or an ignored write, counted in stats().
import type { Redis } from 'ioredis';
import { FAILED, RedisConnection } from './redis-connection.js';
import { defineScripts, type ScriptedRedis } from './redis-scripts.js';
import type { L2Stats } from './stats.js';

/** An L2 hit: the value, its remaining TTL and its JSON size. */
export interface L2Entry {
  value: unknown;
  ttlMs: number;
  size: number;
}

const SCAN_COUNT = 500;
const globEscape = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

/** The Redis tier of {@link TieredCache}. */
export class RedisTier {
  readonly connection: RedisConnection;
  readonly #redis: ScriptedRedis;
  readonly #keyPrefix: string;
  readonly #valuePrefix: string;
  readonly #tagPrefix: string;
  #hits = 0;
  #misses = 0;

  constructor(url: string, keyPrefix: string, commandTimeoutMs: number) {
    this.connection = new RedisConnection(url, commandTimeoutMs);
    this.#redis = defineScripts(this.connection.client);
    this.#keyPrefix = keyPrefix;
    this.#valuePrefix = `${keyPrefix}v:`;
    this.#tagPrefix = `${keyPrefix}tag:`;
  }

  /** The value of `key` with its remaining TTL, or undefined on a miss or any failure. */
  async get(key: string): Promise<L2Entry | undefined> {
    const k = this.#valuePrefix + key;
    // Two commands, one round trip (auto-pipelining): the TTL keeps a refilled L1 entry from
    // outliving the Redis one.
    const reply = await this.connection.call('get', (c: Redis) => Promise.all([c.get(k), c.pttl(k)]));
    if (reply === FAILED || reply[0] === null) {
      this.#misses++;
      return undefined;
    }
    const [json, ttlMs] = reply;
    try {
      const entry = { value: JSON.parse(json) as unknown, ttlMs, size: json.length };
      this.#hits++;
      return entry;
    } catch {
      // Not ours (another writer under our prefix): a miss, and the compute overwrites it.
      this.#misses++;
      return undefined;
    }
  }

  /** Stores `json` for `ttlMs` under `key` and adds `key` to each tag set. */
  async set(key: string, json: string, ttlMs: number, tags: readonly string[] | undefined): Promise<void> {
    const k = this.#valuePrefix + key;
    if (!tags || tags.length === 0) {
      await this.connection.call('set', (c: Redis) => c.set(k, json, 'PX', ttlMs));
      return;
    }
    const tagKeys = tags.map((t) => this.#tagPrefix + t);
    await this.connection.call('set', () =>
      this.#redis.foresightSetTagged(1 + tagKeys.length, k, ...tagKeys, json, ttlMs, key),
    );
  }

  /** Deletes `key`; true when Redis held it. */
  async delete(key: string): Promise<boolean> {
    const n = await this.connection.call('delete', (c: Redis) => c.del(this.#valuePrefix + key));
    return n !== FAILED && n > 0;
  }

  /** Deletes every key of `tags` and the tag sets: the keys it removed, and every member key. */
  async deleteByTags(tags: readonly string[]): Promise<{ removed: string[]; members: string[] }> {
    if (tags.length === 0) return { removed: [], members: [] };
    const tagKeys = tags.map((t) => this.#tagPrefix + t);
    const reply = await this.connection.call('delete_by_tags', () =>
      this.#redis.foresightDeleteByTags(tagKeys.length, ...tagKeys, this.#valuePrefix),
    );
    return reply === FAILED ? { removed: [], members: [] } : { removed: reply[0], members: reply[1] };
  }

  /** Deletes every key under the prefix; returns the cache keys of the values removed. */
  async clear(): Promise<string[]> {
    const removed: string[] = [];
    await this.#scan(`${globEscape(this.#keyPrefix)}*`, async (keys) => {
      const n = await this.connection.call('clear', (c: Redis) => c.unlink(...keys));
      if (n === FAILED) return false;
      for (const k of keys) if (k.startsWith(this.#valuePrefix)) removed.push(k.slice(this.#valuePrefix.length));
      return true;
    });
    return removed;
  }

  /** Drops tag members whose value expired; returns how many tag sets ended up empty and removed. */
  async pruneTags(): Promise<number> {
    let pruned = 0;
    await this.#scan(`${globEscape(this.#tagPrefix)}*`, async (keys) => {
      for (const tagKey of keys) {
        const gone = await this.connection.call('cleanup', () =>
          this.#redis.foresightPruneTag(1, tagKey, this.#valuePrefix),
        );
        if (gone === FAILED) return false;
        pruned += gone;
      }
      return true;
    });
    return pruned;
  }

  /** L2 counters. */
  stats(): L2Stats {
    return {
      enabled: true,
      connected: this.connection.healthy(),
      hits: this.#hits,
      misses: this.#misses,
      ...this.connection.counts,
    };
  }

  /** Closes the connection. */
  close(): Promise<void> {
    return this.connection.close();
  }

  // SCAN in pages, handing each non-empty page to `page`; stops when a call fails.
  async #scan(pattern: string, page: (keys: string[]) => Promise<boolean>): Promise<void> {
    let cursor = '0';
    do {
      const reply = await this.connection.call('scan', (c: Redis) => c.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT));
      if (reply === FAILED) return;
      cursor = reply[0];
      if (reply[1].length > 0 && !(await page(reply[1]))) return;
    } while (cursor !== '0');
  }
}
