// One loop per rule group at the group's interval. A group's next evaluation is scheduled only
// after the current one ends, so evaluations of a group never overlap; a slow one skips the
// ticks it overran instead of queueing them. Groups added or removed by a reload are picked up
// by a periodic sync.
import { logger } from '../../log/index.js';
import type { CompiledGroup } from '../types.js';

/** Options of {@link GroupScheduler}. */
export interface GroupSchedulerOptions {
  /** The current groups (read at every tick, so interval and rule changes apply). */
  groups: () => CompiledGroup[];
  /** Evaluates one group at a time; a rejection is logged. */
  evaluate: (group: CompiledGroup, nowMs: number) => Promise<unknown>;
  clock: () => number;
  /** How often groups added or removed are noticed. @defaultValue 5000 */
  syncMs?: number;
}

interface Loop {
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  stopped: boolean;
}

/** Runs the group loops. */
export class GroupScheduler {
  private readonly loops = new Map<string, Loop>();
  private syncTimer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(private readonly options: GroupSchedulerOptions) {
    const { syncMs = 5000 } = options;
    if (!(syncMs > 0)) throw new Error(`GroupScheduler: syncMs must be > 0, got ${syncMs}`);
  }

  /** Names of the groups with a running loop. */
  get groups(): string[] {
    return [...this.loops.keys()];
  }

  /** Starts a loop per group and the periodic sync. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.sync();
    this.syncTimer = setInterval(() => this.sync(), this.options.syncMs ?? 5000);
    this.syncTimer.unref();
  }

  /** Stops every loop and waits for the evaluations in flight. */
  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.syncTimer);
    const running = [...this.loops.values()].map((loop) => this.halt(loop));
    this.loops.clear();
    await Promise.all(running);
  }

  private current(): CompiledGroup[] | undefined {
    try {
      return this.options.groups();
    } catch (err) {
      logger().error({ err: (err as Error).message }, 'rule set unavailable; groups keep their last loops');
      return undefined;
    }
  }

  private sync(): void {
    const groups = this.current();
    if (!groups || !this.started) return;
    const names = new Set(groups.map((g) => g.name));
    for (const [name, loop] of this.loops) {
      if (!names.has(name)) {
        void this.halt(loop);
        this.loops.delete(name);
      }
    }
    for (const name of names) {
      if (this.loops.has(name)) continue;
      const loop: Loop = { stopped: false };
      this.loops.set(name, loop);
      loop.timer = setTimeout(() => this.tick(name, loop), 0);
    }
  }

  private tick(name: string, loop: Loop): void {
    if (loop.stopped) return;
    const group = this.current()?.find((g) => g.name === name);
    if (!group) {
      // A reload removed it: the sync drops the loop; try again at the sync interval meanwhile.
      loop.timer = setTimeout(() => this.tick(name, loop), this.options.syncMs ?? 5000);
      return;
    }
    const started = this.options.clock();
    loop.running = this.options
      .evaluate(group, started)
      .catch((err: unknown) => logger().error({ group: name, err: (err as Error)?.message ?? String(err) }, 'group evaluation failed'))
      .then(() => {
        loop.running = undefined;
        if (loop.stopped) return;
        const interval = Math.max(1, group.intervalMs);
        const elapsed = Math.max(0, this.options.clock() - started);
        loop.timer = setTimeout(() => this.tick(name, loop), interval - (elapsed % interval));
      });
  }

  private async halt(loop: Loop): Promise<void> {
    loop.stopped = true;
    clearTimeout(loop.timer);
    await loop.running;
  }
}
