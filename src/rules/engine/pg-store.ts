// AlertStore on Postgres (migration 010). One rule's plan is one transaction, so a crash never
// leaves an alert fired without its history; the steady state (values only) is one bulk UPDATE.
import { withTransaction, type Database, type Queryable } from '../../db/index.js';
import type { RulePlan, Transition } from './lifecycle.js';
import { fromAlertRow, fromHistoryRow, fromSilenceRow, float8, type AlertRow, type HistoryRow, type SilenceRow } from './pg-rows.js';
import { toActive, toRecord, type StoredAlert } from './records.js';
import type { AlertStore, LoadedState, NotifiedMark } from './store.js';
import type { ActiveAlert, AlertFilter, AlertRecord, HistoryEntry, HistoryFilter, Silence, SilenceInput } from './types.js';

const OPEN = `state IN ('pending', 'firing')`;
const iso = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
const isId = (id: string): boolean => /^\d{1,18}$/.test(id);

/** Alerts, history and silences in the tables of migration 010. */
export class PostgresAlertStore implements AlertStore {
  constructor(private readonly db: Database) {}

  async load(sinceMs: number): Promise<LoadedState> {
    const { rows } = await this.db.query<AlertRow>(
      'rules_load',
      `SELECT * FROM alerts WHERE ${OPEN} OR awaiting_clear OR last_notified_at >= $1`,
      [new Date(sinceMs)],
    );
    const state: LoadedState = { open: [], awaitingClear: [], notified: [] };
    for (const row of rows.map(fromAlertRow)) {
      if (row.state !== 'resolved') state.open.push(toActive(row));
      if (row.awaitingClear) state.awaitingClear.push({ fingerprint: row.fingerprint, ruleKey: row.ruleKey });
      if (row.lastNotifiedState && row.lastNotifiedAtMs !== undefined) {
        state.notified.push({ fingerprint: row.fingerprint, state: row.lastNotifiedState, atMs: row.lastNotifiedAtMs });
      }
    }
    return state;
  }

  async apply(plan: RulePlan, nowMs: number): Promise<Set<string>> {
    const onlyTouches = !plan.inserts.length && !plan.updates.length && !plan.drops.length && !plan.resolves.length && !plan.cleared.length;
    if (onlyTouches) return this.touch(this.db, plan.touches, nowMs);
    return withTransaction(this.db, async (tx) => {
      for (const a of plan.inserts) await insert(tx, a);
      const gone = new Set<string>();
      for (const a of plan.updates) {
        const { rowCount } = await tx.query(
          'rules_update',
          `UPDATE alerts SET state = $2, value = $3, annotations = $4, fired_at = $5, keep_firing_since = $6, last_eval_at = $7,
             threshold_name = $8, threshold_value = $9 WHERE id = $1 AND ${OPEN}`,
          [a.id, a.state, float8(a.value), a.annotations, iso(a.firedAtMs), iso(a.keepFiringSinceMs), new Date(a.lastEvalAtMs),
            a.threshold?.name ?? null, a.threshold?.value ?? null],
        );
        if (rowCount === 0) gone.add(a.id);
      }
      for (const id of await this.touch(tx, plan.touches, nowMs)) gone.add(id);
      if (plan.drops.length) await tx.query('rules_drop', 'DELETE FROM alerts WHERE id = ANY($1::bigint[])', [plan.drops.map((a) => a.id)]);
      if (plan.resolves.length) {
        await tx.query(
          'rules_resolve_auto',
          `UPDATE alerts SET state = 'resolved', resolved_at = $2, keep_firing_since = NULL, last_eval_at = $2
             WHERE id = ANY($1::bigint[]) AND ${OPEN}`,
          [plan.resolves.map((a) => a.id), new Date(nowMs)],
        );
      }
      if (plan.cleared.length) {
        await tx.query('rules_clear', 'UPDATE alerts SET awaiting_clear = false WHERE awaiting_clear AND fingerprint = ANY($1::text[])', [plan.cleared]);
      }
      await history(tx, plan.transitions, nowMs, null);
      return gone;
    });
  }

  private async touch(q: Queryable, alerts: ActiveAlert[], nowMs: number): Promise<Set<string>> {
    if (!alerts.length) return new Set();
    const { rows } = await q.query<{ id: string }>(
      'rules_touch',
      `UPDATE alerts a SET value = v.value, last_eval_at = $3 FROM unnest($1::bigint[], $2::float8[]) AS v(id, value)
         WHERE a.id = v.id AND a.${OPEN} RETURNING a.id`,
      [alerts.map((a) => a.id), alerts.map((a) => float8(a.value)), new Date(nowMs)],
    );
    const still = new Set(rows.map((r) => String(r.id)));
    return new Set(alerts.map((a) => a.id).filter((id) => !still.has(id)));
  }

  async markNotified(marks: NotifiedMark[]): Promise<void> {
    if (!marks.length) return;
    await this.db.query(
      'rules_notified',
      `UPDATE alerts a SET last_notified_at = m.at, last_notified_state = m.state, annotations = COALESCE(m.annotations, a.annotations)
         FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::jsonb[]) AS m(id, state, at, annotations) WHERE a.id = m.id`,
      [marks.map((m) => m.id), marks.map((m) => m.state), marks.map((m) => new Date(m.atMs).toISOString()),
        marks.map((m) => (m.annotations ? JSON.stringify(m.annotations) : null))],
    );
  }

  async resolve(id: string, by: string, nowMs: number): Promise<StoredAlert | undefined> {
    if (!isId(id)) return undefined;
    return withTransaction(this.db, async (tx) => {
      const { rows } = await tx.query<AlertRow>('rules_resolve_lock', `SELECT * FROM alerts WHERE id = $1 AND ${OPEN} FOR UPDATE`, [id]);
      if (!rows[0]) return undefined;
      const before = fromAlertRow(rows[0]);
      const open = toActive(before);
      await tx.query(
        'rules_resolve_manual',
        `UPDATE alerts SET state = 'resolved', resolved_at = $2, resolved_by = $3, awaiting_clear = true, keep_firing_since = NULL WHERE id = $1`,
        [id, new Date(nowMs), by],
      );
      await history(tx, [{ alert: open, from: open.state, to: 'resolved' }], nowMs, by);
      return before;
    });
  }

  async resolveOrphans(alerts: ActiveAlert[], nowMs: number): Promise<void> {
    if (!alerts.length) return;
    const pending = alerts.filter((a) => a.state === 'pending');
    const firing = alerts.filter((a) => a.state === 'firing');
    const transitions: Transition[] = [
      ...pending.map((alert): Transition => ({ alert, from: 'pending', to: 'inactive' })),
      ...firing.map((alert): Transition => ({ alert, from: 'firing', to: 'resolved' })),
    ];
    await withTransaction(this.db, async (tx) => {
      await tx.query('rules_drop', 'DELETE FROM alerts WHERE id = ANY($1::bigint[])', [pending.map((a) => a.id)]);
      await tx.query(
        'rules_resolve_auto',
        `UPDATE alerts SET state = 'resolved', resolved_at = $2, keep_firing_since = NULL WHERE id = ANY($1::bigint[]) AND ${OPEN}`,
        [firing.map((a) => a.id), new Date(nowMs)],
      );
      await history(tx, transitions, nowMs, null);
    });
  }

  async list(filter: AlertFilter): Promise<Omit<AlertRecord, 'silencedBy'>[]> {
    const { rows } = await this.db.query<AlertRow>(
      'rules_list',
      `SELECT * FROM alerts WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR severity = $2)
         ORDER BY active_at DESC, id DESC LIMIT $3`,
      [filter.state ?? null, filter.severity ?? null, filter.limit ?? 500],
    );
    return rows.map((r) => toRecord(fromAlertRow(r)));
  }

  async history(filter: HistoryFilter): Promise<HistoryEntry[]> {
    if (filter.alertId !== undefined && !isId(filter.alertId)) return [];
    const { rows } = await this.db.query<HistoryRow>(
      'rules_history',
      `SELECT * FROM alert_history WHERE ($1::bigint IS NULL OR alert_id = $1) AND ($2::text IS NULL OR alertname = $2)
         AND ($3::timestamptz IS NULL OR at >= $3) ORDER BY at DESC, id DESC LIMIT $4`,
      [filter.alertId ?? null, filter.alertname ?? null, iso(filter.sinceMs), filter.limit ?? 500],
    );
    return rows.map(fromHistoryRow);
  }

  async addSilence(input: Required<SilenceInput>): Promise<Silence> {
    const { rows } = await this.db.query<SilenceRow>(
      'rules_silence_add',
      'INSERT INTO silences (matchers, starts_at, ends_at, created_by, comment) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [JSON.stringify(input.matchers), new Date(input.startsAtMs), new Date(input.untilMs), input.createdBy, input.comment],
    );
    return fromSilenceRow(rows[0]!);
  }

  async silences(nowMs: number): Promise<Silence[]> {
    const { rows } = await this.db.query<SilenceRow>('rules_silences', 'SELECT * FROM silences WHERE ends_at > $1 ORDER BY id', [new Date(nowMs)]);
    return rows.map(fromSilenceRow);
  }

  async expireSilence(id: string, nowMs: number): Promise<boolean> {
    if (!isId(id)) return false;
    // A silence not started yet is deleted: ends_at must stay after starts_at.
    const now = new Date(nowMs);
    const ended = await this.db.query('rules_silence_expire', 'UPDATE silences SET ends_at = $2 WHERE id = $1 AND starts_at < $2 AND ends_at > $2', [id, now]);
    if (ended.rowCount) return true;
    const deleted = await this.db.query('rules_silence_delete', 'DELETE FROM silences WHERE id = $1 AND starts_at >= $2', [id, now]);
    return (deleted.rowCount ?? 0) > 0;
  }
}

async function insert(tx: Queryable, a: ActiveAlert): Promise<void> {
  const { rows } = await tx.query<{ id: string }>(
    'rules_insert',
    `INSERT INTO alerts (fingerprint, rule_key, rule_group, alertname, severity, labels, annotations, state, value,
       threshold_name, threshold_value, active_at, fired_at, last_eval_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [a.fingerprint, a.ruleKey, a.group, a.alertname, a.severity, a.labels, a.annotations, a.state, float8(a.value),
      a.threshold?.name ?? null, a.threshold?.value ?? null, new Date(a.activeAtMs), iso(a.firedAtMs), new Date(a.lastEvalAtMs)],
  );
  a.id = String(rows[0]!.id);
}

async function history(tx: Queryable, transitions: Transition[], nowMs: number, actor: string | null): Promise<void> {
  if (!transitions.length) return;
  const col = <T>(f: (t: Transition) => T): T[] => transitions.map(f);
  await tx.query(
    'rules_history_add',
    `INSERT INTO alert_history (alert_id, fingerprint, alertname, severity, from_state, to_state, value, at, actor)
     SELECT id, fp, name, sev, f, t, v, $8, $9 FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[])
       AS h(id, fp, name, sev, f, t, v)`,
    [col((t) => t.alert.id), col((t) => t.alert.fingerprint), col((t) => t.alert.alertname), col((t) => t.alert.severity),
      col((t) => t.from), col((t) => t.to), col((t) => float8(t.alert.value)), new Date(nowMs), actor],
  );
}
