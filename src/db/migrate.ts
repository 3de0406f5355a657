// Plain-SQL migrations: migrations/NNN_name.sql, applied in order, each in its own transaction,
// recorded in schema_migrations. An advisory lock serialises concurrent starters, so two
// instances booting together cannot apply the same file twice.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { logger } from '../log/index.js';
import { migrationsDir } from './package-root.js';
import { withTransaction, type HasPool } from './transaction.js';

/** One migration file. */
export interface Migration {
  /** The NNN prefix, e.g. `001`. */
  version: string;
  /** The file name without `.sql`. */
  name: string;
  sql: string;
  /** sha256 of the SQL, to notice a file edited after it was applied. */
  checksum: string;
}

/** What {@link migrate} did. */
export interface MigrationReport {
  applied: string[];
  skipped: string[];
}

// Any constant works; it only has to be the same in every instance ("foresight" in ASCII-ish).
const MIGRATION_LOCK_KEY = 0x0f0e5167;
const FILE_PATTERN = /^(\d{3})_[\w-]+\.sql$/;

/** Reads the migration files of `dir` in version order; rejects two files with one version. */
export function readMigrations(dir: string = migrationsDir()): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => FILE_PATTERN.test(f)).sort();
  const seen = new Set<string>();
  return files.map((file) => {
    const version = file.slice(0, 3);
    if (seen.has(version)) throw new Error(`migrations: two files share version ${version} in ${dir}`);
    seen.add(version);
    const sql = fs.readFileSync(path.join(dir, file), 'utf8');
    const checksum = crypto.createHash('sha256').update(sql).digest('hex');
    return { version, name: file.slice(0, -4), sql, checksum };
  });
}

/** Applies the pending migrations of `dir` to `db`. */
export async function migrate(db: HasPool, dir: string = migrationsDir()): Promise<MigrationReport> {
  const report: MigrationReport = { applied: [], skipped: [] };
  for (const migration of readMigrations(dir)) {
    const applied = await withTransaction(db, async (tx) => {
      // Held until this transaction ends; a concurrent starter waits here, then sees the row.
      await tx.query('migration_lock', 'SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.query(
        'create_migrations_table',
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version    text PRIMARY KEY,
           name       text NOT NULL,
           checksum   text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const { rows } = await tx.query<{ checksum: string }>(
        'select_migration',
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [migration.version],
      );
      if (rows[0]) {
        if (rows[0].checksum !== migration.checksum) {
          logger().warn({ migration: migration.name }, 'migration file changed after it was applied; not re-applied');
        }
        return false;
      }
      await tx.query('migration', migration.sql);
      await tx.query(
        'insert_migration',
        'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
        [migration.version, migration.name, migration.checksum],
      );
      return true;
    });
    (applied ? report.applied : report.skipped).push(migration.name);
  }
  if (report.applied.length > 0) logger().info({ applied: report.applied }, 'database migrated');
  return report;
}
