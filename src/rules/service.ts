// The rules service: evaluates the rule groups (one loop each) while it holds the leader lock,
// keeps alert state in its store, notifies through one queue per receiver, and answers the
// alert, silence and history questions of the performance API on any replica.
import { logger } from '../log/index.js';
import { CoverageCheck } from './engine/coverage.js';
import { GroupEvaluator, type GroupReport } from './engine/evaluator.js';
import { LeaderLock } from './engine/leader.js';
import { MemoryAlertStore } from './engine/memory-store.js';
import { RulesMetrics } from './engine/metrics.js';
import { PostgresAlertStore } from './engine/pg-store.js';
import { resolveByHand } from './engine/manual-resolve.js';
import { GroupScheduler } from './engine/scheduler.js';
import { SilenceCache } from './engine/silence-cache.js';
import { listAlerts } from './engine/alert-listing.js';
import { AlertTable } from './engine/state.js';
import type { AlertStore } from './engine/store.js';
import type { AlertFilter, AlertRecord, HistoryEntry, HistoryFilter, Silence, SilenceInput } from './engine/types.js';
import { NotifierQueue } from './notify/queue.js';
import type { AlertNotification } from './notify/types.js';
import { validateOptions, type RulesServiceOptions } from './service-options.js';
import type { CompiledAlertRule, CompiledGroup, VectorSample } from './types.js';

export type { RulesServiceOptions } from './service-options.js';

/** What one {@link RulesService.evaluateOnce} did. */
export interface EvaluationReport {
  groups: GroupReport[];
  failures: number;
  notified: number;
  pending: number;
  firing: number;
  durationMs: number;
}

/** Alert evaluation, state, notification and leadership. */
export class RulesService {
  private readonly store: AlertStore;
  private readonly clock: () => number;
  private readonly table: AlertTable;
  private readonly queues: NotifierQueue[];
  private readonly metrics: RulesMetrics;
  private readonly evaluator: GroupEvaluator;
  private readonly scheduler: GroupScheduler;
  private readonly lock: LeaderLock | undefined;
  private readonly recordings = new Map<string, VectorSample[]>();
  private readonly silenceCache: SilenceCache;
  private loaded: Promise<void> | undefined;
  private leading = false;
  private transitions = Promise.resolve();
  private syncTimer: NodeJS.Timeout | undefined;
  private readonly syncMs: number;
  private readonly generatorUrl: (rule: CompiledAlertRule | undefined) => string;

  constructor(private readonly options: RulesServiceOptions) {
    validateOptions(options);
    const dedupWindowMs = options.dedupWindowMs ?? 300_000;
    const externalUrl = (options.externalUrl ?? 'http://localhost:8080').replace(/\/+$/, '');
    this.clock = options.clock ?? Date.now;
    this.syncMs = options.syncMs ?? 5000;
    this.generatorUrl = options.generatorUrl ?? (() => externalUrl);
    this.store = options.store ?? (options.db ? new PostgresAlertStore(options.db) : new MemoryAlertStore());
    this.silenceCache = new SilenceCache(this.store, this.syncMs);
    this.table = new AlertTable(dedupWindowMs);
    this.queues = (options.notifiers ?? []).map((n) => new NotifierQueue(n, options.notifierQueue));
    this.metrics = new RulesMetrics({
      rulesLoaded: () => options.ruleSet().groups.reduce((n, g) => n + g.rules.length, 0),
      alertCounts: () => (this.leading ? this.table.counts() : []),
    });
    const recording = options.evaluateRecordingRules ?? options.source.name === 'embedded';
    const coverage = new CoverageCheck(options.source, options.ruleSet);
    this.evaluator = new GroupEvaluator({
      coverage: (rule, nowMs) => coverage.of(rule, nowMs),
      store: this.store,
      source: options.source,
      table: this.table,
      metrics: this.metrics,
      dispatch: (alerts) => this.dispatch(alerts),
      silences: () => this.silenceCache.list,
      inhibitRules: () => options.ruleSet().inhibitRules ?? [],
      maxConcurrentQueries: options.maxConcurrentQueries ?? 4,
      validForMs: options.validForMs ?? 4 * dedupWindowMs,
      generatorUrl: this.generatorUrl,
      onRecorded: recording
        ? (rule, samples, timeMs) => {
            this.recordings.set(`${rule.group}\u001f${rule.record}\u001f${JSON.stringify(rule.labels)}`, samples);
            options.onRecorded?.(rule.record, samples, timeMs);
          }
        : undefined,
    });
    this.scheduler = new GroupScheduler({
      groups: () => options.ruleSet().groups,
      evaluate: (group, nowMs) => this.evaluateGroup(group, nowMs),
      clock: this.clock,
      syncMs: this.syncMs,
    });
    const lockOptions = options.leaderLock === false || !options.db ? undefined : (options.leaderLock ?? {});
    if (lockOptions) {
      this.lock = new LeaderLock({ connection: options.db!.pool.options, ...lockOptions, onChange: (leader) => this.onLeadership(leader) });
    }
  }

  /** True while this replica evaluates (it holds the lock, or runs without one). */
  isLeader(): boolean {
    return this.lock ? this.lock.isLeader && this.leading : this.leading;
  }

  /** Starts leader election (or leads at once without a lock), group loops once leading. */
  async start(): Promise<void> {
    this.syncTimer ??= setInterval(() => void this.sync(), this.syncMs);
    this.syncTimer.unref();
    if (this.lock) await this.lock.start();
    else this.onLeadership(true);
    await this.transitions;
  }

  /** Stops the loops and the lock, then gives the receivers a moment to drain. */
  async stop(flushMs = 2000): Promise<void> {
    clearInterval(this.syncTimer);
    this.syncTimer = undefined;
    await this.lock?.stop();
    this.onLeadership(false);
    await this.transitions;
    await Promise.all(this.queues.map((q) => q.close(flushMs)));
    this.metrics.close();
  }

  /** Evaluates every group once at `nowMs` (tests, benchmarks); not to be mixed with running loops. */
  async evaluateOnce(nowMs: number = this.clock()): Promise<EvaluationReport> {
    const started = performance.now();
    await this.ensureLoaded();
    await this.silenceCache.refresh(nowMs, true);
    const groups: GroupReport[] = [];
    const ruleSet = this.options.ruleSet();
    for (const group of ruleSet.groups) groups.push(await this.evaluator.evaluate(group, nowMs));
    const counts = this.table.counts();
    const sum = (state: string) => counts.filter((c) => c.state === state).reduce((n, c) => n + c.count, 0);
    return {
      groups,
      failures: groups.reduce((n, g) => n + g.failures, 0),
      notified: groups.reduce((n, g) => n + g.notified, 0),
      pending: sum('pending'),
      firing: sum('firing'),
      durationMs: performance.now() - started,
    };
  }

  /** Alerts from the store (any replica), newest first, with the silences and firing alerts that mute them. */
  alerts(filter: AlertFilter = {}): Promise<AlertRecord[]> {
    return listAlerts(this.store, this.options.ruleSet().inhibitRules ?? [], filter, this.clock());
  }

  /**
   * Resolves an open alert by hand; it does not fire again until its condition has cleared once.
   * Receivers told it fired are told it resolved. Undefined when no open alert has `id`.
   */
  resolve(id: string, by: string): Promise<AlertRecord | undefined> {
    return resolveByHand(
      {
        store: this.store,
        table: this.table,
        tableLoaded: this.loaded !== undefined,
        silences: this.silenceCache.list,
        rules: () => this.options.ruleSet().groups.flatMap((g) => g.rules),
        dispatch: (alerts) => this.dispatch(alerts),
        generatorUrl: this.generatorUrl,
      },
      id,
      by,
      this.clock(),
    );
  }

  /** Adds a silence; matching alerts stay tracked but are not notified until it ends. */
  silence(input: SilenceInput): Promise<Silence> {
    return this.silenceCache.add(input, this.clock());
  }

  /** Silences in force or scheduled. */
  silences(): Promise<Silence[]> {
    return this.store.silences(this.clock());
  }

  /** Ends a silence now; false when none with `id` is in force. */
  expireSilence(id: string): Promise<boolean> {
    return this.silenceCache.expire(id, this.clock());
  }

  /** Alert transitions, newest first. */
  history(filter: HistoryFilter = {}): Promise<HistoryEntry[]> {
    return this.store.history(filter);
  }

  /** The latest results of the recording rules named `name` (all recorded series when absent). */
  recorded(name?: string): VectorSample[] {
    const all = [...this.recordings.values()].flat();
    return name === undefined ? all : all.filter((s) => s.labels.__name__ === name);
  }

  /** Sent, retried, failed and dropped alerts per receiver. */
  notificationStats(): Record<string, NotifierQueue['stats']> {
    return Object.fromEntries(this.queues.map((q) => [q.notifier.name, { ...q.stats }]));
  }

  /** Resolves once every receiver's queue is empty (tests). */
  async notificationsIdle(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.idle()));
  }

  private dispatch(alerts: AlertNotification[]): void {
    for (const q of this.queues) q.enqueue(alerts);
  }

  private async evaluateGroup(group: CompiledGroup, nowMs: number): Promise<void> {
    if (!this.leading) return;
    await this.ensureLoaded();
    await this.silenceCache.refresh(nowMs, false);
    await this.evaluator.evaluate(group, nowMs);
  }

  private ensureLoaded(): Promise<void> {
    this.loaded ??= this.store.load(this.clock() - this.table.ledger.windowMs).then(
      (state) => this.table.load(state),
      (err: unknown) => {
        this.loaded = undefined;
        throw err;
      },
    );
    return this.loaded;
  }

  // Leadership changes arrive as callbacks; they are applied one after another.
  private onLeadership(leader: boolean): void {
    this.transitions = this.transitions.then(async () => {
      if (leader === this.leading) return;
      this.leading = leader;
      if (!leader) {
        await this.scheduler.stop();
        this.loaded = undefined; // a later leadership starts from what the other leader stored
        return;
      }
      try {
        await this.ensureLoaded();
      } catch (err) {
        logger().error({ err: (err as Error).message }, 'loading alert state failed; evaluation retries it');
      }
      if (this.leading) this.scheduler.start();
    });
  }

  // Periodic upkeep, never throwing: alerts of removed groups resolved, silences refreshed.
  private async sync(): Promise<void> {
    if (!this.leading) return;
    try {
      const nowMs = this.clock();
      await this.silenceCache.refresh(nowMs, false);
      const live = new Set(this.options.ruleSet().groups.map((g) => g.name));
      const orphans = this.table.all().filter((a) => !live.has(a.group));
      for (const name of new Set(orphans.map((a) => a.group))) {
        await this.evaluator.evaluate({ name, intervalMs: this.syncMs, rules: [] }, nowMs);
      }
    } catch (err) {
      logger().error({ err: (err as Error).message }, 'rules service upkeep failed');
    }
  }
}
