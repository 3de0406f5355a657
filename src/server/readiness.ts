// Readiness: models must be loaded. A database or Redis outage degrades the instance (cached
// forecasts are still served, other calls answer 503 with Retry-After) but does not take it
// out of rotation: every instance shares that database, so none would be left.
import type { Readiness } from '../api/index.js';
import type { TieredCache } from '../cache/index.js';
import type { Database } from '../db/index.js';
import type { ModelCache } from '../prediction/index.js';

/** Builds the `/readyz` probe over the running components. */
export function readinessProbe(db: Database, cache: TieredCache, models: ModelCache): () => Promise<Readiness> {
  return async function readiness() {
    const dbUp = await db.ping();
    const l2 = cache.l2State();
    const loaded = models.stats().size;
    const components: Readiness['components'] = {
      database: { status: dbUp ? 'up' : 'down', detail: db.embedded ? 'embedded PGlite' : 'postgres' },
      cache: {
        status: l2 === 'degraded' ? 'degraded' : 'up',
        detail: l2 === 'disabled' ? 'in-process only' : `redis ${l2}`,
      },
      models: { status: loaded > 0 ? 'up' : 'down', detail: `${loaded} loaded` },
    };
    // Without the database the instance still serves cached forecasts: degraded, not out of rotation.
    return { ready: loaded > 0, components };
  };
}
