// AlertStore in process memory: the same semantics as the Postgres store without durability.
// For tests of the lifecycle and for running without a database; a restart forgets everything.
import type { NotifiedMark, AlertStore, LoadedState } from './store.js';
import type { RulePlan } from './lifecycle.js';
import { toActive, toRecord, type StoredAlert } from './records.js';
import type { ActiveAlert, AlertFilter, AlertRecord, HistoryEntry, HistoryFilter, Silence, SilenceInput } from './types.js';

/** Alerts, history and silences held in maps. */
export class MemoryAlertStore implements AlertStore {
  private readonly rows = new Map<string, StoredAlert>();
  private readonly log: HistoryEntry[] = [];
  private readonly silenceRows = new Map<string, Silence>();
  private nextId = 1;

  async load(sinceMs: number): Promise<LoadedState> {
    const state: LoadedState = { open: [], awaitingClear: [], notified: [] };
    for (const row of this.rows.values()) {
      if (row.state !== 'resolved') state.open.push(toActive(row));
      if (row.awaitingClear) state.awaitingClear.push({ fingerprint: row.fingerprint, ruleKey: row.ruleKey });
      const recent = row.lastNotifiedAtMs !== undefined && (row.state !== 'resolved' || row.lastNotifiedAtMs >= sinceMs);
      if (recent && row.lastNotifiedState) state.notified.push({ fingerprint: row.fingerprint, state: row.lastNotifiedState, atMs: row.lastNotifiedAtMs! });
    }
    return state;
  }

  async apply(plan: RulePlan, nowMs: number): Promise<Set<string>> {
    const gone = new Set<string>();
    for (const a of plan.inserts) {
      if ([...this.rows.values()].some((r) => r.fingerprint === a.fingerprint && r.state !== 'resolved')) {
        throw new Error(`alert ${a.alertname} ${a.fingerprint} is already open`);
      }
      a.id = String(this.nextId++);
      this.rows.set(a.id, { ...a, awaitingClear: false });
    }
    for (const a of [...plan.updates, ...plan.touches]) {
      const row = this.rows.get(a.id);
      if (!row || row.state === 'resolved') gone.add(a.id);
      else this.rows.set(a.id, { ...row, ...a });
    }
    for (const a of plan.drops) this.rows.delete(a.id);
    for (const a of plan.resolves) {
      const row = this.rows.get(a.id);
      if (row && row.state !== 'resolved') this.rows.set(a.id, { ...row, ...a, state: 'resolved', resolvedAtMs: nowMs });
    }
    for (const t of plan.transitions) this.history_(t.alert, t.from, t.to, nowMs, null);
    for (const fp of plan.cleared) for (const row of this.rows.values()) if (row.fingerprint === fp) row.awaitingClear = false;
    return gone;
  }

  async markNotified(marks: NotifiedMark[]): Promise<void> {
    for (const m of marks) {
      const row = this.rows.get(m.id);
      if (!row) continue;
      row.lastNotifiedAtMs = m.atMs;
      row.lastNotifiedState = m.state;
      if (m.annotations) row.annotations = m.annotations;
    }
  }

  async resolve(id: string, by: string, nowMs: number): Promise<StoredAlert | undefined> {
    const row = this.rows.get(id);
    if (!row || row.state === 'resolved') return undefined;
    const before = { ...row };
    const open = toActive(row);
    Object.assign(row, { state: 'resolved', resolvedAtMs: nowMs, resolvedBy: by, awaitingClear: true });
    delete row.keepFiringSinceMs;
    this.history_(row, open.state, 'resolved', nowMs, by);
    return before;
  }

  async resolveOrphans(alerts: ActiveAlert[], nowMs: number): Promise<void> {
    for (const a of alerts) {
      const row = this.rows.get(a.id);
      if (!row || row.state === 'resolved') continue;
      if (row.state === 'pending') this.rows.delete(a.id);
      else Object.assign(row, { state: 'resolved', resolvedAtMs: nowMs });
      this.history_(a, a.state, a.state === 'pending' ? 'inactive' : 'resolved', nowMs, null);
    }
  }

  async list(filter: AlertFilter): Promise<Omit<AlertRecord, 'silencedBy'>[]> {
    return [...this.rows.values()]
      .filter((r) => (!filter.state || r.state === filter.state) && (!filter.severity || r.severity === filter.severity))
      .sort((a, b) => b.activeAtMs - a.activeAtMs || Number(b.id) - Number(a.id))
      .slice(0, filter.limit ?? 500)
      .map(toRecord);
  }

  async history(filter: HistoryFilter): Promise<HistoryEntry[]> {
    return this.log
      .filter((h) => (!filter.alertId || h.alertId === filter.alertId) && (!filter.alertname || h.alertname === filter.alertname))
      .filter((h) => filter.sinceMs === undefined || Date.parse(h.at) >= filter.sinceMs)
      .slice()
      .reverse()
      .slice(0, filter.limit ?? 500);
  }

  async addSilence(input: Required<SilenceInput>): Promise<Silence> {
    const silence: Silence = {
      id: String(this.nextId++),
      matchers: input.matchers,
      startsAt: new Date(input.startsAtMs).toISOString(),
      endsAt: new Date(input.untilMs).toISOString(),
      createdBy: input.createdBy,
      comment: input.comment,
    };
    this.silenceRows.set(silence.id, silence);
    return silence;
  }

  async silences(nowMs: number): Promise<Silence[]> {
    return [...this.silenceRows.values()].filter((s) => Date.parse(s.endsAt) > nowMs);
  }

  async expireSilence(id: string, nowMs: number): Promise<boolean> {
    const s = this.silenceRows.get(id);
    if (!s || Date.parse(s.endsAt) <= nowMs) return false;
    // As in Postgres: a silence not started yet is deleted (its end must stay after its start).
    if (Date.parse(s.startsAt) < nowMs) s.endsAt = new Date(nowMs).toISOString();
    else this.silenceRows.delete(id);
    return true;
  }

  private history_(a: Pick<ActiveAlert, 'id' | 'fingerprint' | 'alertname' | 'severity' | 'value'>, from: HistoryEntry['from'], to: HistoryEntry['to'], atMs: number, actor: string | null): void {
    const value = Number.isFinite(a.value) ? a.value : null;
    this.log.push({ alertId: a.id, fingerprint: a.fingerprint, alertname: a.alertname, severity: a.severity, from, to, value, at: new Date(atMs).toISOString(), actor });
  }
}
