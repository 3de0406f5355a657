// Public entry of the scrape layer: the bounded series store, the scraper, its target list and the
// exposition parser.
export { SeriesStore, type SeriesStoreOptions, type StoredSeries, type IngestResult } from './store.js';
export { Scraper, type ScraperOptions, type ScrapeTarget, type ScrapeTargetStatus } from './scraper.js';
export { parseScrapeTargets } from './targets.js';
export { parseExposition, parseSampleLine, parseSampleValue, type Exposition, type ExposedSample } from './exposition.js';
export { SampleRing } from './ring.js';
export { labelsKey, compareLabels, formatLabels, METRIC_NAME } from './labels.js';
