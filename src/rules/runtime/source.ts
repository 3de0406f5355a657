// The query source of this process: the Prometheus HTTP API when PROMETHEUS_URL is set, else
// the embedded evaluator over a scraper that reads this process's own /metrics (or the
// configured targets) into a bounded in-memory window.
import type { Config } from '../../config/index.js';
import { EmbeddedSource } from '../promql/index.js';
import { Scraper, SeriesStore } from '../scrape/index.js';
import { PrometheusSource } from '../sources/index.js';
import type { QuerySource } from '../types.js';

/** The source and, in embedded mode, the scraper feeding it. */
export interface RuntimeSource {
  source: QuerySource;
  store?: SeriesStore;
  scraper?: Scraper;
}

/** Builds (but does not start) the source for `config`. */
export function createSource(config: Config): RuntimeSource {
  if (config.PROMETHEUS_URL) return { source: new PrometheusSource({ url: config.PROMETHEUS_URL }) };
  const store = new SeriesStore();
  const targets = config.SCRAPE_TARGETS.split(',').map((t) => t.trim()).filter(Boolean);
  const scraper = new Scraper({
    store,
    intervalMs: config.SCRAPE_INTERVAL_MS,
    ...(targets.length ? { targets } : { targets: [`http://127.0.0.1:${config.OTEL_EXPORTER_PROMETHEUS_PORT}/metrics`] }),
  });
  return { source: new EmbeddedSource({ store }), store, scraper };
}
