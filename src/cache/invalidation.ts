// Cross-instance L1 invalidation: several API instances share Redis but each has its own L1, so
// a delete, a tag delete or a clear on one instance is published and the others drop those keys
// from their L1. Best effort: a message lost during a Redis outage leaves a stale L1 entry there
// until its TTL, which is the bound the cache promises anyway.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { logger } from '../log/index.js';
import { failFastOptions } from './redis-connection.js';

/** What one instance tells the others: drop these keys, or drop everything. */
export type Invalidation = { keys: string[] } | { all: true };

interface Message {
  from: string;
  keys?: string[];
  all?: true;
}

/** Publishes this instance's invalidations and applies the other instances' ones. */
export class InvalidationBus {
  readonly #id = randomUUID();
  readonly #channel: string;
  readonly #publisher: Redis;
  readonly #subscriber: Redis;

  /** `publisher` is the tier's command client; a second connection is opened to subscribe. */
  constructor(publisher: Redis, url: string, keyPrefix: string, commandTimeoutMs: number, apply: (inv: Invalidation) => void) {
    this.#channel = `${keyPrefix}invalidate`;
    this.#publisher = publisher;
    this.#subscriber = new Redis(url, failFastOptions(commandTimeoutMs));
    this.#subscriber.on('error', () => {}); // reported by the command connection
    // Subscribe on every (re)connection: no offline queue, so nothing is replayed for us.
    this.#subscriber.on('ready', () => {
      this.#subscriber.subscribe(this.#channel).catch(() => {});
    });
    this.#subscriber.on('message', (_channel: string, raw: string) => {
      try {
        const msg = JSON.parse(raw) as Message;
        if (msg.from === this.#id) return;
        if (msg.all) apply({ all: true });
        else if (Array.isArray(msg.keys)) apply({ keys: msg.keys });
      } catch (err) {
        logger().debug({ err: (err as Error).message }, 'ignored a malformed cache invalidation message');
      }
    });
    this.#subscriber.connect().catch(() => {});
  }

  /** Tells the other instances; fire and forget (a failure is the outage the tier already reports). */
  publish(inv: Invalidation): void {
    if ('keys' in inv && inv.keys.length === 0) return;
    if (this.#publisher.status !== 'ready') return;
    const msg: Message = 'all' in inv ? { from: this.#id, all: true } : { from: this.#id, keys: inv.keys };
    this.#publisher.publish(this.#channel, JSON.stringify(msg)).catch(() => {});
  }

  /** Closes the subscriber connection. */
  async close(): Promise<void> {
    try {
      await this.#subscriber.quit();
    } catch {
      this.#subscriber.disconnect();
    }
  }
}
