// One active evaluator among replicas: a Postgres session-level advisory lock held on a client
// of its own for as long as the process leads. When that session dies (process killed, connection
// cut) Postgres releases the lock, and a standby's next attempt takes it over.
import pg from 'pg';
import { logger } from '../../log/index.js';

/** Options of {@link LeaderLock}. */
export interface LeaderLockOptions {
  /** Connection settings of the dedicated client (the pool's, normally). */
  connection: pg.ClientConfig;
  /** Advisory lock key, the same in every replica. @defaultValue {@link RULES_LOCK_KEY} */
  key?: number;
  /** How often a standby retries, and a leader checks its session. @defaultValue 3000 */
  retryMs?: number;
  /** Told when leadership is gained (true) or lost (false). */
  onChange: (leader: boolean) => void;
}

/** The rules service's advisory lock key ("rules" in ASCII, in 32 bits). */
export const RULES_LOCK_KEY = 0x72756c65;

/** Takes and holds the advisory lock, retrying while another replica leads. */
export class LeaderLock {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private leading = false;
  private stopped = true;
  private readonly key: number;
  private readonly retryMs: number;

  constructor(private readonly options: LeaderLockOptions) {
    const { key = RULES_LOCK_KEY, retryMs = 3000 } = options;
    if (!Number.isSafeInteger(key)) throw new Error(`LeaderLock: key must be a safe integer, got ${key}`);
    if (!Number.isFinite(retryMs) || retryMs < 10) throw new Error(`LeaderLock: retryMs must be a number >= 10, got ${retryMs}`);
    this.key = key;
    this.retryMs = retryMs;
  }

  /** True while this process holds the lock. */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Starts trying; resolves after the first attempt (whatever its outcome). */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.attempt();
  }

  /** Releases the lock (by ending the session) and stops trying. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.drop();
  }

  private schedule(): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.attempt(), this.retryMs);
    this.timer.unref();
  }

  // Never throws: a failed attempt is logged and retried.
  private async attempt(): Promise<void> {
    try {
      if (this.leading) {
        // The heartbeat notices a dead session even when the socket closed silently.
        await this.client!.query('SELECT 1');
      } else {
        this.client ??= await this.connect();
        const { rows } = await this.client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [this.key]);
        if (rows[0]?.ok && !this.stopped) this.setLeading(true);
      }
    } catch (err) {
      logger().warn({ err: (err as Error).message, key: this.key }, 'rules leader lock: attempt failed');
      await this.drop();
    }
    this.schedule();
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client(this.options.connection);
    // The session is the lock: once it errors or ends, leadership is gone.
    client.on('error', (err) => {
      logger().warn({ err: err.message }, 'rules leader lock: session failed');
      if (this.client === client) void this.drop().then(() => this.schedule());
    });
    client.on('end', () => {
      if (this.client === client) void this.drop().then(() => this.schedule());
    });
    await client.connect();
    return client;
  }

  private async drop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (this.leading) this.setLeading(false);
    if (client) await client.end().catch(() => undefined);
  }

  private setLeading(leading: boolean): void {
    this.leading = leading;
    logger().info({ key: this.key, leader: leading }, leading ? 'rules leader lock taken' : 'rules leader lock lost');
    try {
      this.options.onChange(leading);
    } catch (err) {
      logger().error({ err: (err as Error).message }, 'rules leader lock: onChange failed');
    }
  }
}
