// Transactions on one pool client, with the same timed queries as the pool.
import type pg from 'pg';
import { timedQueryable, type Queryable } from './queryable.js';
import { asUnavailable } from './unavailable.js';

/** Anything with a pg pool to take a client from (the {@link Database}). */
export interface HasPool {
  readonly pool: pg.Pool;
}

/**
 * Runs `fn` inside BEGIN … COMMIT on one client; rolls back and rethrows when `fn` throws.
 * Everything in `fn` must go through `tx`: on the embedded server a second connection would
 * wait behind this open transaction.
 */
export async function withTransaction<T>(db: HasPool, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  const client = await db.pool.connect().catch(asUnavailable);
  const tx = timedQueryable(client);
  let broken: Error | undefined;
  try {
    await tx.query('begin', 'BEGIN');
    const result = await fn(tx);
    await tx.query('commit', 'COMMIT');
    return result;
  } catch (err) {
    try {
      await tx.query('rollback', 'ROLLBACK');
    } catch (rollbackErr) {
      // The connection is unusable; release(err) below destroys it instead of pooling it.
      broken = rollbackErr as Error;
    }
    throw err;
  } finally {
    client.release(broken);
  }
}
