// Public entry of the cache: an in-process LRU (L1) with an optional shared Redis (L2).
export { TieredCache, type SetOptions, type CacheTier } from './tiered-cache.js';
export { cacheDefaults, jitteredTtlMs, type CacheOptions } from './options.js';
export type { CacheStats, L2Stats } from './stats.js';
