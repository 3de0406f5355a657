// Background upkeep of the caches (seed 003's CACHE_CLEANUP_INTERVAL): expired entries purged,
// and the model cache shed when memory is above MODEL_CACHE_MEMORY_THRESHOLD. Never throws; a
// failed round is logged and the next one runs as planned.
import type { TieredCache } from '../cache/index.js';
import { logger } from '../log/index.js';
import type { ModelCache } from '../prediction/index.js';

/** Starts the loop every `intervalMs` (none when 0); returns what stops it. */
export function startUpkeep(parts: { cache: TieredCache; models: ModelCache }, intervalMs: number): () => void {
  if (intervalMs <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return; // a slow Redis prune must not stack rounds
    running = true;
    void upkeepOnce(parts).finally(() => (running = false));
  }, intervalMs).unref();
  return () => clearInterval(timer);
}

/** One round: returns what it removed. */
export async function upkeepOnce(parts: { cache: TieredCache; models: ModelCache }): Promise<{ expired: number; models: number }> {
  let expired = 0;
  try {
    expired = await parts.cache.cleanup();
  } catch (err) {
    logger().warn({ err: (err as Error).message }, 'cache cleanup failed; retried next interval');
  }
  const models = parts.models.shed();
  if (expired || models) logger().debug({ expired, models }, 'cache upkeep');
  if (models) logger().info({ models, threshold: parts.models.stats().memory_threshold }, 'memory above the threshold: least recently used models dropped');
  return { expired, models };
}
