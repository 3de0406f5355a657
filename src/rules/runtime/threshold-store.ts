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

/** Records the changed levels between `before` and `after` as made by `by`. */
export async function recordThresholdChanges(db: Database, before: Threshold[], after: Threshold[], by: string): Promise<number> {
  const old = new Map(before.map((t) => [t.name, t]));
  const changes: Array<[string, string, number, number]> = [];
  for (const t of after) {
    const prev = old.get(t.name);
    for (const level of ['warning', 'critical'] as const) {
      if (prev && prev[level] !== t[level]) changes.push([t.name, level, prev[level], t[level]]);
    }
  }
  if (!changes.length) return 0;
  await withTransaction(db, async (tx) => {
    for (const [name, level, from, to] of changes) {
      await tx.query(
        'insert_threshold_change',
        'INSERT INTO threshold_changes (name, level, old, new, changed_by) VALUES ($1, $2, $3, $4, $5)',
        [name, level, from, to, by],
      );
    }
  });
  return changes.length;
}
