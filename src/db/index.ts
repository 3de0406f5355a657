// Public entry of the database layer: open/close, timed queries, transactions, migrations.
export { openDatabase, type Database, type DatabaseConfig, type OpenOptions } from './database.js';
export { migrate, readMigrations, type Migration, type MigrationReport } from './migrate.js';
export { withTransaction, type HasPool } from './transaction.js';
export type { Queryable } from './queryable.js';
export { maskUrl } from './url.js';
export { DatabaseUnavailableError, isUnavailable, DATABASE_RETRY_AFTER_SECONDS } from './unavailable.js';
export { packageRoot, migrationsDir } from './package-root.js';
