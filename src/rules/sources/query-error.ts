// The one error a query source throws, so the evaluator can tell a failed query from a bug and
// name the expression in its logs.

/** Why a query failed: transport, HTTP status, the API's own error, a timeout, or an unreadable answer. */
export type QueryErrorKind = 'network' | 'http' | 'api' | 'timeout' | 'response';

/** A query that could not be answered; `expr` is the expression as sent. */
export class QueryError extends Error {
  override readonly name = 'QueryError';

  constructor(
    readonly expr: string,
    readonly kind: QueryErrorKind,
    detail: string,
    /** HTTP status when the source answered one. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(`query ${JSON.stringify(expr)} failed (${kind}${status ? ` ${status}` : ''}): ${detail}`, options);
  }
}
