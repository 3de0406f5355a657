// A schema of its own on the test Postgres for the rules service's integration tests, so they
// neither see nor wipe what other tests keep in `public`, migrated through the db layer.
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/index.js';
import { schemaScopedUrl, testDatabaseUrl } from './services.js';

/** A throwaway schema; every {@link RulesSchema.open} is a new pool on it (a new "process"). */
export interface RulesSchema {
  name: string;
  /** Opens a Database whose search_path is the schema, applying the migrations. */
  open(): Promise<Database>;
  /** Runs one statement as an outside client (pg_terminate_backend, checks). */
  sql<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  drop(): Promise<void>;
}

/** Creates an empty schema and returns handles on it. */
export async function rulesSchema(): Promise<RulesSchema> {
  const name = `rules_it_${crypto.randomBytes(4).toString('hex')}`;
  const sql = async <R extends pg.QueryResultRow>(text: string, params?: unknown[]) => {
    const client = new pg.Client({ connectionString: testDatabaseUrl, options: `-c search_path=${name}` });
    await client.connect();
    try {
      return (await client.query<R>(text, params)).rows;
    } finally {
      await client.end();
    }
  };
  await sql(`CREATE SCHEMA ${name}`);
  return {
    name,
    sql,
    open: () =>
      openDatabase(
        { DATABASE_URL: schemaScopedUrl(name), PGLITE_DATA_DIR: 'memory://', PGLITE_PORT: 0, DB_POOL_MAX: 4, DB_STATEMENT_TIMEOUT_MS: 5000 },
        { migrate: true },
      ),
    drop: async () => void (await sql(`DROP SCHEMA ${name} CASCADE`)),
  };
}
