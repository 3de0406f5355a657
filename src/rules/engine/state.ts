// The evaluator's in-memory view: open alerts per rule, manually resolved alerts waiting for
// their condition to clear, and the notification ledger. Rebuilt from the store when this
// process becomes the leader.
import type { CompiledAlertRule } from '../types.js';
import { NotificationLedger } from './dedup.js';
import type { LoadedState } from './store.js';
import type { ActiveAlert } from './types.js';

/** Open alerts by rule key, then fingerprint. */
export class AlertTable {
  private byRule = new Map<string, Map<string, ActiveAlert>>();
  private owner = new Map<string, string>();
  private awaiting = new Map<string, string>();
  // Ids resolved by hand while an evaluation of their rule was in flight: never committed back.
  private closed = new Set<string>();
  ledger: NotificationLedger;

  constructor(private readonly dedupWindowMs: number) {
    this.ledger = new NotificationLedger(dedupWindowMs);
  }

  /** Replaces everything with `state`. */
  load(state: LoadedState): void {
    this.byRule.clear();
    this.owner.clear();
    this.awaiting.clear();
    this.closed.clear();
    this.ledger = new NotificationLedger(this.dedupWindowMs);
    for (const a of state.open) this.put(a);
    for (const w of state.awaitingClear) this.awaiting.set(w.fingerprint, w.ruleKey);
    for (const n of state.notified) this.ledger.record(n.fingerprint, n.state, n.atMs);
  }

  /** The open alerts of a rule. */
  rule(ruleKey: string): ReadonlyMap<string, ActiveAlert> {
    return this.byRule.get(ruleKey) ?? new Map();
  }

  /** Fingerprints of a rule's alerts resolved by hand and not cleared yet. */
  awaitingFor(ruleKey: string): Set<string> {
    const out = new Set<string>();
    for (const [fp, key] of this.awaiting) if (key === ruleKey) out.add(fp);
    return out;
  }

  /** True when `fp` is open under another rule than `ruleKey` (two rules raising one identity). */
  takenByOther(fp: string, ruleKey: string): boolean {
    const o = this.owner.get(fp);
    return o !== undefined && o !== ruleKey;
  }

  /** Makes `next` the open alerts of `ruleKey`; `gone` ids were resolved elsewhere and wait to clear. */
  commit(ruleKey: string, next: Map<string, ActiveAlert>, cleared: string[], gone: Set<string>): void {
    for (const a of this.byRule.get(ruleKey)?.values() ?? []) this.owner.delete(a.fingerprint);
    this.byRule.delete(ruleKey);
    for (const fp of cleared) this.awaiting.delete(fp);
    for (const a of next.values()) {
      if (gone.has(a.id) || this.closed.delete(a.id)) this.awaiting.set(a.fingerprint, ruleKey);
      else this.put(a);
    }
  }

  /** Removes an alert resolved by hand; it waits for its condition to clear. */
  resolved(alert: ActiveAlert): void {
    const map = this.byRule.get(alert.ruleKey);
    if (map?.get(alert.fingerprint)?.id === alert.id) {
      map.delete(alert.fingerprint);
      this.owner.delete(alert.fingerprint);
    } else this.closed.add(alert.id);
    this.awaiting.set(alert.fingerprint, alert.ruleKey);
  }

  /** Removes the alerts of rules not in `live` (rule keys) and returns them. */
  takeOrphans(live: Set<string>, group?: string): ActiveAlert[] {
    const out: ActiveAlert[] = [];
    for (const [key, map] of this.byRule) {
      if (live.has(key)) continue;
      const alerts = [...map.values()];
      if (group !== undefined && alerts[0]?.group !== group) continue;
      out.push(...alerts);
      for (const a of alerts) this.owner.delete(a.fingerprint);
      this.byRule.delete(key);
    }
    for (const [fp, key] of this.awaiting) if (!live.has(key) && (group === undefined || key.startsWith(`${group}\u001f`))) this.awaiting.delete(fp);
    return out;
  }

  /** Every open alert. */
  all(): ActiveAlert[] {
    return [...this.byRule.values()].flatMap((m) => [...m.values()]);
  }

  /** Open alerts counted by state and severity, every combination present. */
  counts(): Array<{ state: 'pending' | 'firing'; severity: CompiledAlertRule['severity']; count: number }> {
    const out = (['pending', 'firing'] as const).flatMap((state) =>
      (['info', 'warning', 'critical'] as const).map((severity) => ({ state, severity, count: 0 })),
    );
    for (const a of this.all()) {
      const row = out.find((r) => r.state === a.state && r.severity === a.severity);
      if (row) row.count++;
    }
    return out;
  }

  /** True when `fp` is open. */
  isOpen(fp: string): boolean {
    return this.owner.has(fp);
  }

  private put(a: ActiveAlert): void {
    let map = this.byRule.get(a.ruleKey);
    if (!map) this.byRule.set(a.ruleKey, (map = new Map<string, ActiveAlert>()));
    map.set(a.fingerprint, a);
    this.owner.set(a.fingerprint, a.ruleKey);
  }
}
