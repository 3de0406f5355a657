// The query source of this runtime: the Prometheus HTTP API, or the embedded evaluator over a
// scraper that reads the given targets' /metrics into a bounded in-memory window.
import { EmbeddedSource } from '../promql/index.js';
import { Scraper, SeriesStore } from '../scrape/index.js';
import { PrometheusSource } from '../sources/index.js';
import type { QuerySource } from '../types.js';
import type { RulesSourceOptions } from './options.js';

/** The source and, in embedded mode, the scraper feeding it. */
export interface RuntimeSource {
  source: QuerySource;
  store?: SeriesStore;
  scraper?: Scraper;
}

/** Builds (but does not start) the source. */
export function createSource(options: RulesSourceOptions): RuntimeSource {
  if (options.kind === 'prometheus') return { source: new PrometheusSource({ url: options.url }) };
  const store = new SeriesStore();
  const scraper = new Scraper({ store, targets: options.targets, intervalMs: options.intervalMs });
  return { source: new EmbeddedSource({ store }), store, scraper };
}
