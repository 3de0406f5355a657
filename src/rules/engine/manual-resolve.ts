// Resolving an alert by hand: the stored alert is closed (it does not fire again until its
// condition has cleared once), the evaluating replica's table forgets it, and receivers that
// were told it fired are told it resolved, unless a silence mutes it.
import { logger } from '../../log/index.js';
import type { AlertNotification } from '../notify/types.js';
import type { CompiledAlertRule, CompiledRecordingRule } from '../types.js';
import { toNotification } from './evaluator.js';
import { toActive, toRecord } from './records.js';
import { silencedBy } from './silences.js';
import type { AlertTable } from './state.js';
import type { AlertStore } from './store.js';
import type { AlertRecord, Silence } from './types.js';

/** What a manual resolution reads and writes. */
export interface ResolveDeps {
  store: AlertStore;
  table: AlertTable;
  /** The table holds the stored alerts (the evaluating replica, or evaluateOnce in tests). */
  tableLoaded: boolean;
  silences: readonly Silence[];
  rules: () => Array<CompiledAlertRule | CompiledRecordingRule>;
  dispatch: (alerts: AlertNotification[]) => void;
  generatorUrl: (rule: CompiledAlertRule | undefined) => string;
}

/** Resolves the open alert `id` on behalf of `by`; undefined when no open alert has that id. */
export async function resolveByHand(deps: ResolveDeps, id: string, by: string, nowMs: number): Promise<AlertRecord | undefined> {
  if (typeof by !== 'string' || !by.trim()) throw new Error('resolve: by must name who resolves the alert');
  const before = await deps.store.resolve(String(id), by, nowMs);
  if (!before) return undefined;
  const open = toActive(before);
  if (deps.tableLoaded) deps.table.resolved(open);
  const silenced = silencedBy(deps.silences, open.labels, nowMs).length > 0;
  if (before.lastNotifiedState === 'firing' && !silenced) {
    const rule = deps.rules().find((r): r is CompiledAlertRule => r.kind === 'alert' && r.name === open.alertname);
    deps.dispatch([toNotification(open, 'resolved', nowMs, 0, deps.generatorUrl(rule))]);
    deps.table.ledger.record(open.fingerprint, 'resolved', nowMs);
    await deps.store.markNotified([{ id: open.id, state: 'resolved', atMs: nowMs }]).catch((err: Error) =>
      logger().error({ id, err: err.message }, 'recording a resolved notification failed'),
    );
  }
  const record = toRecord({ ...before, state: 'resolved', resolvedAtMs: nowMs, resolvedBy: by, awaitingClear: true });
  return { ...record, silencedBy: [] };
}
