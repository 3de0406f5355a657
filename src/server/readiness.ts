// Readiness: the database must answer and models must be loaded; a Redis outage degrades the
// cache (served from L1) but does not take the instance out of rotation.
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
    return { ready: dbUp && loaded > 0, components };
  };
}
