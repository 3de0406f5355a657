// `db_connection_pool_size`: one label-free gauge for the process (as seed 000 shows it), summed
// over the open pools, and `db_connection_pool_max`, their size bound (DB_POOL_MAX), which the
// pool alert divides by; registered once so tests that open many databases do not stack callbacks.
import type pg from 'pg';
import { PREDICTION_METRICS } from '../metrics/index.js';
import { observeGauge } from '../telemetry/metrics.js';

const pools = new Set<pg.Pool>();
let registered = false;

/** Counts `pool`'s connections in the gauge until {@link untrackPool}. */
export function trackPool(pool: pg.Pool): void {
  pools.add(pool);
  if (registered) return;
  registered = true;
  observeGauge(PREDICTION_METRICS.dbPoolSize, () => {
    let total = 0;
    for (const p of pools) total += p.totalCount;
    return total;
  });
  observeGauge(PREDICTION_METRICS.dbPoolMax, () => {
    let total = 0;
    for (const p of pools) total += p.options.max ?? 10;
    return total;
  });
}

/** Stops counting `pool` (it is closing). */
export function untrackPool(pool: pg.Pool): void {
  pools.delete(pool);
}
