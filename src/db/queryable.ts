// The one way foresight runs SQL: every query carries a query type and lands in db_query_seconds.
import type pg from 'pg';
import { domainMetrics, timed } from '../telemetry/metrics.js';
import { asUnavailable } from './unavailable.js';

/** Something queries can be sent to: the {@link Database} itself or a transaction of it. */
export interface Queryable {
  /** Runs one query; records `db_query_seconds{query_type}` around it. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's own default row type
  query<R extends pg.QueryResultRow = any>(queryType: string, sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** Wraps a pg pool or client so each query is timed under its `query_type`; an outage becomes DatabaseUnavailableError. */
export function timedQueryable(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    query(queryType, sql, params) {
      return timed(domainMetrics().dbQuery, { query_type: queryType }, () => target.query(sql, params)).catch(asUnavailable);
    },
  };
}
