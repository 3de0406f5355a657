// The refusals counter of the metrics contract. Every scope's series exists from zero, so a
// dashboard panel and a rate() alert see 0, not "no data", until the first refusal.
import { API_METRICS, counter } from '../metrics/index.js';
import type { LimitScope } from './options.js';

const SCOPES: readonly LimitScope[] = ['api', 'admin', 'auth'];

/** Makes the counter (after the SDK started) and returns the function that counts one refusal. */
export function refusalCounter(): (scope: LimitScope) => void {
  const refusals = counter(API_METRICS.rateLimitRefusals);
  for (const scope of SCOPES) refusals.add(0, { scope });
  return (scope) => refusals.add(1, { scope });
}
