// Public entry of the query sources the rules service evaluates against.
export { PrometheusSource, parsePromValue, type PrometheusSourceOptions } from './prometheus.js';
export { QueryError, type QueryErrorKind } from './query-error.js';
