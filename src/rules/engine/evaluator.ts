// One evaluation of one rule group: queries (bounded concurrency), lifecycle plans, persistence,
// then the notifications due. A failing rule is logged and counted and leaves its alerts as they
// were (as Prometheus does); it never fails the group or the loop.
import { logger } from '../../log/index.js';
import type { AlertNotification } from '../notify/types.js';
import type { CompiledAlertRule, CompiledGroup, CompiledRecordingRule, InhibitRule, QuerySource, VectorSample } from '../types.js';
import type { Coverage } from './coverage.js';
import { ruleKeys } from './fingerprint.js';
import { planRule } from './lifecycle.js';
import { mapLimit } from './limit.js';
import type { RulesMetrics } from './metrics.js';
import { inhibitedBy } from './inhibit.js';
import { silencedBy } from './silences.js';
import type { AlertTable } from './state.js';
import type { AlertStore, NotifiedMark } from './store.js';
import type { ActiveAlert, Silence } from './types.js';

/** What a group evaluation needs from the service. */
export interface GroupEvaluatorOptions {
  store: AlertStore;
  source: QuerySource;
  table: AlertTable;
  metrics: RulesMetrics;
  /** Inhibit rules in force (the rule files'). @defaultValue none */
  inhibitRules?: () => readonly InhibitRule[];
  /** Hands notifications to the receivers' queues; must not block. */
  dispatch: (alerts: AlertNotification[]) => void;
  /** Silences in force (cached by the service). */
  silences: () => readonly Silence[];
  maxConcurrentQueries: number;
  /** How long a firing notification stays valid without a repeat (Alertmanager's endsAt). */
  validForMs: number;
  generatorUrl: (rule: CompiledAlertRule | undefined) => string;
  /** Whether the source holds the data `rule` reads at `nowMs` (see coverage.ts). @defaultValue always 'full' */
  coverage?: (rule: CompiledAlertRule, nowMs: number) => Coverage;
  /** Recording rule results; absent to skip recording rules (Prometheus records them itself). */
  onRecorded?: (rule: CompiledRecordingRule, samples: VectorSample[], timeMs: number) => void;
}

/** What one group evaluation did. */
export interface GroupReport {
  group: string;
  rules: number;
  failures: number;
  transitions: number;
  notified: number;
  silenced: number;
  /** Firing alerts not notified because an inhibit rule's source alert fires. */
  inhibited: number;
  durationMs: number;
}

/** Builds the notification of `alert` in `status` at `nowMs`. */
export function toNotification(alert: ActiveAlert, status: 'firing' | 'resolved', nowMs: number, validForMs: number, generatorURL: string): AlertNotification {
  const n: AlertNotification = {
    id: alert.id, fingerprint: alert.fingerprint, status, labels: alert.labels, annotations: alert.annotations,
    startsAtMs: alert.firedAtMs ?? alert.activeAtMs, validUntilMs: nowMs + validForMs, generatorURL, value: alert.value,
  };
  if (status === 'resolved') n.endsAtMs = nowMs;
  return n;
}

/** Evaluates rule groups against the shared alert table. */
export class GroupEvaluator {
  // Evaluations of one group run one after another, whoever starts them (loop or evaluateOnce):
  // two at once would both plan the same new alert.
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly o: GroupEvaluatorOptions) {}

  /** Evaluates `group` at `nowMs` after any evaluation of it in flight; never throws for a rule's failure. */
  evaluate(group: CompiledGroup, nowMs: number): Promise<GroupReport> {
    const run = (this.tails.get(group.name) ?? Promise.resolve()).then(() => this.run(group, nowMs));
    const tail = run.catch(() => undefined);
    this.tails.set(group.name, tail);
    void tail.then(() => {
      if (this.tails.get(group.name) === tail) this.tails.delete(group.name);
    });
    return run;
  }

  private async run(group: CompiledGroup, nowMs: number): Promise<GroupReport> {
    const started = performance.now();
    const keys = ruleKeys(group);
    const report: GroupReport = { group: group.name, rules: group.rules.length, failures: 0, transitions: 0, notified: 0, silenced: 0, inhibited: 0, durationMs: 0 };
    const resolvedNow: ActiveAlert[] = [];
    let batch: CompiledAlertRule[] = [];
    const flush = async () => {
      // A rule with no sample to read at all (the embedded store before its first scrape) is
      // not evaluated: nothing it could answer would be a decision.
      const covered = batch.map((rule) => ({ rule, coverage: this.o.coverage?.(rule, nowMs) ?? 'full' })).filter((r) => r.coverage !== 'none');
      const rules = covered.map((r) => r.rule);
      batch = [];
      const answers = await mapLimit(rules, this.o.maxConcurrentQueries, (rule) =>
        this.o.source.query(rule.expr, nowMs).then((samples) => ({ samples }), (error: unknown) => ({ error })),
      );
      // Plans are applied one rule at a time: the table and the store see a simple sequence.
      for (const [i, rule] of rules.entries()) {
        const answer = answers[i]!;
        try {
          if ('error' in answer) throw answer.error;
          const key = keys.get(rule)!;
          const { table } = this.o;
          const plan = planRule({
            rule, ruleKey: key, open: table.rule(key), awaitingClear: table.awaitingFor(key), samples: answer.samples, nowMs,
            isTaken: (fp) => table.takenByOther(fp, key), decisive: covered[i]!.coverage === 'full',
          });
          if (plan.conflicts) logger().warn({ rule: rule.name, group: group.name, series: plan.conflicts }, 'series skipped: another rule holds the same alert labels');
          const gone = await this.o.store.apply(plan, nowMs);
          table.commit(key, plan.next, plan.cleared, gone);
          resolvedNow.push(...plan.resolves);
          report.transitions += plan.transitions.length;
        } catch (err) {
          this.fail(report, rule, err);
        }
      }
    };
    // Recording rules are barriers: a later rule of the group may read what they recorded.
    for (const rule of group.rules) {
      if (rule.kind === 'alert') batch.push(rule);
      else {
        await flush();
        await this.record(rule, nowMs, report);
      }
    }
    await flush();
    await this.resolveOrphans(group, new Set(keys.values()), nowMs, resolvedNow, report);
    await this.notify(group, keys, resolvedNow, nowMs, report);
    report.durationMs = performance.now() - started;
    this.o.metrics.groupEvaluated(group.name, report.durationMs / 1000);
    return report;
  }

  private async record(rule: CompiledRecordingRule, nowMs: number, report: GroupReport): Promise<void> {
    if (!this.o.onRecorded) return;
    try {
      const samples = await this.o.source.query(rule.expr, nowMs);
      const recorded = samples.map((s) => ({ labels: { ...s.labels, ...rule.labels, __name__: rule.record }, value: s.value }));
      this.o.onRecorded(rule, recorded, nowMs);
    } catch (err) {
      this.fail(report, rule, err);
    }
  }

  private async resolveOrphans(group: CompiledGroup, live: Set<string>, nowMs: number, resolvedNow: ActiveAlert[], report: GroupReport) {
    const orphans = this.o.table.takeOrphans(live, group.name);
    if (!orphans.length) return;
    try {
      await this.o.store.resolveOrphans(orphans, nowMs);
      resolvedNow.push(...orphans.filter((a) => a.state === 'firing'));
      report.transitions += orphans.length;
    } catch (err) {
      report.failures++;
      this.o.metrics.evaluationFailures.add(1, { group: group.name });
      logger().error({ group: group.name, err: (err as Error).message }, 'resolving alerts of removed rules failed');
    }
  }

  private async notify(group: CompiledGroup, keys: Map<CompiledAlertRule, string>, resolvedNow: ActiveAlert[], nowMs: number, report: GroupReport) {
    const { table, validForMs } = this.o;
    const silences = this.o.silences();
    const inhibit = this.o.inhibitRules?.() ?? [];
    const firingNow = inhibit.length ? table.all().filter((a) => a.state === 'firing') : [];
    const ruleOf = new Map([...keys].map(([rule, key]) => [key, rule]));
    const out: AlertNotification[] = [];
    const marks: NotifiedMark[] = [];
    const add = (a: ActiveAlert, status: 'firing' | 'resolved') => {
      out.push(toNotification(a, status, nowMs, validForMs, this.o.generatorUrl(ruleOf.get(a.ruleKey))));
      marks.push({ id: a.id, state: status, atMs: nowMs, annotations: a.annotations });
      table.ledger.record(a.fingerprint, status, nowMs);
    };
    for (const key of keys.values()) {
      for (const a of table.rule(key).values()) {
        if (a.state !== 'firing') continue;
        if (silencedBy(silences, a.labels, nowMs).length) report.silenced++;
        // Not recorded as sent: once the inhibiting alert ends, this one is notified at once.
        else if (inhibit.length && inhibitedBy(inhibit, firingNow, a).length) report.inhibited++;
        else if (table.ledger.firingDue(a.fingerprint, nowMs)) add(a, 'firing');
      }
    }
    for (const a of resolvedNow) {
      if (silencedBy(silences, a.labels, nowMs).length) report.silenced++;
      else if (table.ledger.resolvedDue(a.fingerprint)) add(a, 'resolved');
    }
    table.ledger.prune(nowMs, (fp) => table.isOpen(fp));
    if (!out.length) return;
    this.o.dispatch(out);
    report.notified += out.length;
    try {
      await this.o.store.markNotified(marks);
    } catch (err) {
      // The ledger in memory still holds the sends; only a restart could repeat them early.
      logger().error({ group: group.name, err: (err as Error).message }, 'recording notifications failed');
    }
  }

  private fail(report: GroupReport, rule: CompiledAlertRule | CompiledRecordingRule, err: unknown): void {
    report.failures++;
    this.o.metrics.evaluationFailures.add(1, { group: rule.group });
    const name = rule.kind === 'alert' ? rule.name : rule.record;
    logger().error({ group: rule.group, rule: name, expr: rule.expr, err: (err as Error)?.message ?? String(err) }, 'rule evaluation failed');
  }
}
