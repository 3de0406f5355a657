// Public entry of the per-client rate limits (counts in Redis when given one, else in memory).
export { ClientLimits, type Refusal } from './client-limits.js';
export type { ClientLimitsOptions, FailureLimit, LimitScope, ScopeLimit } from './options.js';
