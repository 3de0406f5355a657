// The Redis connection of the L2 tier, configured so a slow or absent Redis never blocks or
// fails a request: no offline queue, no per-request retries, a deadline on every call, and a
// reconnect loop (capped backoff) that runs for as long as the cache is open.
import { Redis, type RedisOptions } from 'ioredis';
import { logger } from '../log/index.js';
import type { L2Stats } from './stats.js';

/** Backoff between reconnect attempts: 50 ms doubling, capped at 1 s, forever. */
export const reconnectDelayMs = (attempt: number): number => Math.min(50 * 2 ** Math.min(attempt, 10), 1000);

/** ioredis options for a client that fails fast; shared by the command and subscriber connections. */
export function failFastOptions(commandTimeoutMs: number): RedisOptions {
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: reconnectDelayMs,
    connectTimeout: 1000,
    // Only armed while replies are pending: a hung (not closed) Redis is cut off and reconnected.
    socketTimeout: Math.max(1000, commandTimeoutMs * 20),
    enableAutoPipelining: true,
  };
}

const PROBE_INTERVAL_MS = 500;

/** Returned by {@link RedisConnection.call} when the call failed, timed out or was skipped. */
export const FAILED: unique symbol = Symbol('redis call failed');

class TimeoutError extends Error {}

/** One ioredis client plus its health: every call is bounded, counted and never throws. */
export class RedisConnection {
  readonly client: Redis;
  readonly #timeoutMs: number;
  readonly #firstReady: Promise<void>;
  #firstAttempt = true;
  #failing = false;
  #closed = false;
  #probe: NodeJS.Timeout | undefined;
  readonly counts: Pick<L2Stats, 'errors' | 'timeouts'> = { errors: 0, timeouts: 0 };

  constructor(url: string, commandTimeoutMs: number) {
    this.#timeoutMs = commandTimeoutMs;
    this.client = new Redis(url, failFastOptions(commandTimeoutMs));
    // Without a listener ioredis prints every connection error; the state change is logged instead.
    this.client.on('error', (err: Error) => this.#fail('connection', err));
    this.client.on('ready', () => this.#recover());
    this.client.on('close', () => this.#fail('connection', new Error('connection closed')));
    // Settles when the first attempt ends either way.
    this.#firstReady = new Promise((resolve) => {
      for (const event of ['ready', 'error', 'close']) this.client.once(event, () => resolve());
    });
    // connect() rejects on a first failure; the retry strategy keeps trying on its own.
    this.client.connect().catch(() => {});
  }

  /** True when the connection is up and the last call succeeded. */
  healthy(): boolean {
    return this.client.status === 'ready' && !this.#failing;
  }

  /**
   * Runs `fn` against the client within the command timeout. Resolves to its result, or to
   * {@link FAILED} on any error or timeout (counted, logged once per state change).
   */
  async call<T>(op: string, fn: (client: Redis) => Promise<T>): Promise<T | typeof FAILED> {
    if (this.#closed) return FAILED;
    if (this.client.status !== 'ready') {
      // During the very first connection attempt, wait for it (bounded) rather than miss on a
      // cold start; after that, a connection that is not up fails fast.
      if (!this.#firstAttempt || !(await this.#waitFirstReady())) {
        this.counts.errors++;
        return FAILED;
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const work = fn(this.client);
    try {
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError(`redis ${op} exceeded ${this.#timeoutMs} ms`)), this.#timeoutMs);
      });
      const result = await Promise.race([work, deadline]);
      if (this.#failing) this.#recover();
      return result;
    } catch (err) {
      work.catch(() => {}); // a late rejection of the abandoned call must not go unhandled
      if (err instanceof TimeoutError) this.counts.timeouts++;
      else this.counts.errors++;
      this.#fail(op, err as Error);
      return FAILED;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the connection and stops reconnecting. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#probe);
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  async #waitFirstReady(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.#timeoutMs)));
    const ready = await Promise.race([this.#firstReady.then(() => true), expired]);
    clearTimeout(timer);
    return ready && this.client.status === 'ready';
  }

  #fail(op: string, err: Error): void {
    this.#firstAttempt = false;
    if (this.#failing || this.#closed) return;
    this.#failing = true;
    logger().warn({ err: err.message, op }, 'redis L2 cache unavailable; serving from L1 until it recovers');
    // A connection that stayed up (a slow or paused Redis) emits no 'ready' when it is fine again,
    // and an idle instance sends no command that could succeed: probe, so /readyz recovers too.
    this.#probe ??= setInterval(() => this.#ping(), PROBE_INTERVAL_MS).unref();
  }

  #recover(): void {
    this.#firstAttempt = false;
    clearInterval(this.#probe);
    this.#probe = undefined;
    if (!this.#failing) return;
    this.#failing = false;
    logger().info('redis L2 cache recovered');
  }

  // Background probe: never throws, not counted (the counters are about requests).
  #ping(): void {
    if (this.#closed) return this.#recover();
    if (this.client.status !== 'ready') return; // reconnecting: 'ready' will recover
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.#timeoutMs)));
    const pong = this.client.ping().then(
      () => true,
      () => false,
    );
    void Promise.race([pong, expired]).then((ok) => {
      clearTimeout(timer);
      if (ok && this.#failing && !this.#closed) this.#recover();
    });
  }
}
