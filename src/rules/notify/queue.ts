// One queue and one worker per receiver, so a slow or failing receiver delays only its own
// notifications: never the evaluation that produced them, never another receiver.
import type { Counter } from '@opentelemetry/api';
import { logger } from '../../log/index.js';
import { counter, RULES_METRICS } from '../../metrics/index.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { NotifyError, type AlertNotification, type Notifier } from './types.js';

/** Options of {@link NotifierQueue}. */
export interface NotifierQueueOptions {
  /** Batches waiting at most; the oldest is dropped (and counted) beyond. @defaultValue 1000 */
  maxQueued?: number;
  /** Attempts per batch, the first included. @defaultValue 5 */
  maxAttempts?: number;
  /** Deadline of one attempt. @defaultValue 10000 */
  attemptTimeoutMs?: number;
  /** Retry delays. @defaultValue { baseMs: 500, maxMs: 30000, factor: 2 } */
  backoff?: Partial<BackoffOptions>;
  /** Source of jitter (tests make it deterministic). @defaultValue Math.random */
  random?: () => number;
}

/** How a batch ended, per alert, as `rules_notifications_total{receiver,result}` counts it. */
export type NotificationResult = 'success' | 'retry' | 'failure' | 'dropped';

/** A bounded queue in front of one {@link Notifier}, with retries. */
export class NotifierQueue {
  private readonly queue: AlertNotification[][] = [];
  private running: Promise<void> | undefined;
  private readonly stop = new AbortController();
  private readonly counter: Counter;
  private readonly opts: Required<Omit<NotifierQueueOptions, 'backoff'>> & { backoff: BackoffOptions };
  private waiters: Array<() => void> = [];
  /** Alerts by result since construction (the counter's figures, readable without an SDK). */
  readonly stats: Record<NotificationResult, number> = { success: 0, retry: 0, failure: 0, dropped: 0 };

  constructor(readonly notifier: Notifier, options: NotifierQueueOptions = {}) {
    const { maxQueued = 1000, maxAttempts = 5, attemptTimeoutMs = 10_000, random = Math.random } = options;
    const backoff = { baseMs: 500, maxMs: 30_000, factor: 2, ...options.backoff };
    if (!notifier || typeof notifier.send !== 'function') throw new Error('NotifierQueue: notifier must have a send() method');
    if (!notifier.name) throw new Error('NotifierQueue: notifier.name must be a non-empty string');
    if (!Number.isInteger(maxQueued) || maxQueued < 1) throw new Error(`NotifierQueue: maxQueued must be an integer >= 1, got ${maxQueued}`);
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`NotifierQueue: maxAttempts must be an integer >= 1, got ${maxAttempts}`);
    if (!(attemptTimeoutMs > 0)) throw new Error(`NotifierQueue: attemptTimeoutMs must be > 0, got ${attemptTimeoutMs}`);
    if (!(backoff.baseMs >= 0) || !(backoff.maxMs >= backoff.baseMs) || !(backoff.factor >= 1)) {
      throw new Error(`NotifierQueue: backoff needs baseMs >= 0, maxMs >= baseMs, factor >= 1, got ${JSON.stringify(backoff)}`);
    }
    this.opts = { maxQueued, maxAttempts, attemptTimeoutMs, random, backoff };
    this.counter = counter(RULES_METRICS.notifications);
    // Every result from zero, so a rate over failures reads 0 (not "no data") while all is well.
    for (const result of Object.keys(this.stats) as NotificationResult[]) this.counter.add(0, { receiver: notifier.name, result });
  }

  /** Batches waiting (the one being sent excluded). */
  get pending(): number {
    return this.queue.length;
  }

  /** Queues `alerts` for sending; returns at once. */
  enqueue(alerts: AlertNotification[]): void {
    if (!alerts.length || this.stop.signal.aborted) return;
    this.queue.push(alerts);
    if (this.queue.length > this.opts.maxQueued) {
      const dropped = this.queue.shift()!;
      this.count('dropped', dropped.length);
      logger().warn({ receiver: this.notifier.name, alerts: dropped.length }, 'notification queue full: oldest batch dropped');
    }
    this.running ??= this.work().finally(() => {
      this.running = undefined;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Resolves once every queued batch has been sent or given up on. */
  idle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Waits up to `flushMs` for the queue to drain, then aborts what is left (counted as dropped). */
  async close(flushMs = 2000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.idle(), new Promise((r) => (timer = setTimeout(r, flushMs)))]);
    clearTimeout(timer);
    this.stop.abort(new Error('notifier queue closed'));
    for (const batch of this.queue.splice(0)) this.count('dropped', batch.length);
    await this.running;
  }

  // Never throws: every outcome is logged and counted.
  private async work(): Promise<void> {
    while (this.queue.length && !this.stop.signal.aborted) {
      const batch = this.queue.shift()!;
      await this.deliver(batch);
    }
  }

  private async deliver(batch: AlertNotification[]): Promise<void> {
    const receiver = this.notifier.name;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.sendWithDeadline(batch);
        this.count('success', batch.length);
        return;
      } catch (err) {
        const retryable = !(err instanceof NotifyError) || err.retryable;
        const last = attempt >= this.opts.maxAttempts || !retryable || this.stop.signal.aborted;
        const log = { receiver, attempt, alerts: batch.length, err: (err as Error).message };
        if (last) {
          this.count('failure', batch.length);
          logger().error(log, 'notification failed; giving up on this batch');
          return;
        }
        this.count('retry', batch.length);
        const delay = backoffDelay(attempt - 1, this.opts.backoff, this.opts.random);
        logger().warn({ ...log, retryInMs: Math.round(delay) }, 'notification failed; retrying');
        await sleep(delay, this.stop.signal);
      }
    }
  }

  // The deadline is a timer of our own: on Node 20 an AbortSignal.timeout() that only
  // AbortSignal.any() refers to can be garbage-collected before it fires (nodejs/node#57736),
  // and a receiver that never answered then held its queue for good.
  private async sendWithDeadline(batch: AlertNotification[]): Promise<void> {
    const ms = this.opts.attemptTimeoutMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error(`no answer within ${ms} ms`)), ms).unref();
    try {
      await this.notifier.send(batch, AbortSignal.any([this.stop.signal, deadline.signal]));
    } finally {
      clearTimeout(timer);
    }
  }

  private count(result: NotificationResult, n: number): void {
    this.stats[result] += n;
    this.counter.add(n, { receiver: this.notifier.name, result });
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
