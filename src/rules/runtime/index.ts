// The rules service of this process, assembled: rule files (hot-reloaded, thresholds from
// Postgres over the files' values), the query source, notifiers, the evaluation service with
// its leader lock, and the facade the performance API reads.
import path from 'node:path';
import type { RulesFacade } from '../../api/routes/performance/rules-facade.js';
import type { Config } from '../../config/index.js';
import { packageRoot, type Database } from '../../db/index.js';
import { logger } from '../../log/index.js';
import { RuleFileWatcher } from '../files/index.js';
import { RulesService } from '../service.js';
import type { CompiledRuleSet, QuerySource } from '../types.js';
import { rulesFacade, type FacadeParts } from './facade.js';
import { createNotifiers } from './notifiers.js';
import type { RecommendationProvider } from './recommendations.js';
import { createSource } from './source.js';
import { loadThresholdOverrides } from './threshold-store.js';

export { type RecommendationProvider } from './recommendations.js';

/** A started rules runtime. */
export interface RulesRuntime {
  source: QuerySource;
  service: RulesService;
  watcher: RuleFileWatcher;
  facade: RulesFacade;
  close(): Promise<void>;
}

const EMPTY: CompiledRuleSet = { version: 'none', groups: [], thresholds: [], recommendations: [], files: [] };

/** Loads the rules and starts evaluating them; a broken rule directory is reported, never fatal. */
export async function startRules(
  config: Config,
  db: Database,
  providers: RecommendationProvider[] = [],
  exemplar?: FacadeParts['exemplar'],
): Promise<RulesRuntime> {
  const log = logger();
  const { source, scraper, store } = createSource(config);
  const dir = config.RULES_DIR || path.join(packageRoot(), 'alert-rules');
  const overrides = await loadThresholdOverrides(db);
  const watcher = new RuleFileWatcher({
    dir,
    thresholdOverrides: overrides,
    // Embedded mode refuses, at file:line, expressions outside the evaluator's subset.
    ...(source.name === 'embedded' ? { checkExpr: (expr: string) => source.check(expr) } : {}),
  });
  const first = await watcher.start();
  if (!first.ok) log.error({ dir, errors: first.errors }, 'rule files rejected; no rules run until they are fixed');
  else log.info({ dir, version: first.ruleSet.version, source: source.name }, 'rules loaded');

  const service = new RulesService({
    db,
    source,
    ruleSet: () => watcher.current() ?? EMPTY,
    notifiers: createNotifiers(config),
    dedupWindowMs: config.ALERT_DEDUP_WINDOW_MS,
    externalUrl: config.EXTERNAL_URL,
    // Recording rules' results become series the embedded evaluator can read, as in Prometheus.
    ...(store ? { onRecorded: (_name: string, samples, timeMs) => store.ingest(samples, timeMs) } : {}),
  });
  scraper?.start();
  await service.start();
  const facade = rulesFacade({ db, service, watcher, source, overrides, recommendationProviders: providers, exemplar });
  return {
    source,
    service,
    watcher,
    facade,
    async close() {
      await service.stop();
      await scraper?.stop();
      watcher.close();
    },
  };
}
