// Runtime threshold levels in Postgres: every change is a row of threshold_changes (who, when,
// old, new); the levels in force are the newest row per threshold and level, so they survive
// a restart and the table is the audit log.
import type { Database } from '../../db/index.js';
import { withTransaction } from '../../db/index.js';
import type { ThresholdOverrides } from '../files/index.js';
import type { Threshold } from '../types.js';

/** The overrides in force, from the newest change of each threshold level. */
export async function loadThresholdOverrides(db: Database): Promise<ThresholdOverrides> {
  const { rows } = await db.query<{ name: string; level: 'warning' | 'critical'; new: number }>(
    'select_threshold_overrides',
    `SELECT DISTINCT ON (name, level) name, level, new FROM threshold_changes ORDER BY name, level, changed_at DESC, id DESC`,
  );
  const overrides: ThresholdOverrides = {};
  for (const r of rows) (overrides[r.name] ??= {})[r.level] = r.new;
  return overrides;
}

/**
 * Saves the changed levels between `before` and `after` as made by `by`, then applies them:
 * `apply` runs once the rows are written and before COMMIT, so a change the database refuses
 * (an outage) is never in force, and one `apply` rejects is never saved; when COMMIT itself
 * fails, `revert` takes `apply` back. Without a database the change is only applied.
 */
export async function saveThenApply<T>(
  db: Database | undefined,
  change: { before: Threshold[]; after: Threshold[]; by: string },
  apply: () => T,
  revert: () => void,
): Promise<T> {
  const rows = changedLevels(change.before, change.after);
  if (!db || !rows.length) return apply();
  let applied = false;
  try {
    return await withTransaction(db, async (tx) => {
      for (const [name, level, from, to] of rows) {
        await tx.query(
          'insert_threshold_change',
          'INSERT INTO threshold_changes (name, level, old, new, changed_by) VALUES ($1, $2, $3, $4, $5)',
          [name, level, from, to, change.by],
        );
      }
      const result = apply();
      applied = true;
      return result;
    });
  } catch (err) {
    if (applied) revert();
    throw err;
  }
}

function changedLevels(before: Threshold[], after: Threshold[]): Array<[string, 'warning' | 'critical', number, number]> {
  const old = new Map(before.map((t) => [t.name, t]));
  const changes: Array<[string, 'warning' | 'critical', number, number]> = [];
  for (const t of after) {
    const prev = old.get(t.name);
    for (const level of ['warning', 'critical'] as const) {
      if (prev && prev[level] !== t[level]) changes.push([t.name, level, prev[level], t[level]]);
    }
  }
  return changes;
}
