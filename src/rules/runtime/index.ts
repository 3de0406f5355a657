// The rules service of this process, assembled: rule files (hot-reloaded, thresholds from
// Postgres over the files' values), the query source, notifiers, the evaluation service with
// its leader lock, and the facade the performance API reads. Without a database the alert
// state and threshold changes live in memory (one replica, lost on restart).
import { logger } from '../../log/index.js';
import { OVERRIDES_SOURCE, RuleFileWatcher, type ThresholdOverrides } from '../files/index.js';
import type { ScrapeTargetStatus } from '../scrape/index.js';
import { RulesService } from '../service.js';
import type { CompiledRuleSet, QuerySource } from '../types.js';
import type { RulesFacade } from '../views.js';
import { rulesFacade } from './facade.js';
import { createNotifiers } from './notifiers.js';
import type { RulesRuntimeOptions } from './options.js';
import { createSource } from './source.js';
import { loadThresholdOverrides } from './threshold-store.js';

export { type RecommendationProvider } from './recommendations.js';
export type { NotifyOptions, RulesRuntimeOptions, RulesSourceOptions } from './options.js';

/** A started rules runtime. */
export interface RulesRuntime {
  source: QuerySource;
  service: RulesService;
  watcher: RuleFileWatcher;
  facade: RulesFacade;
  /** The embedded evaluator's scrape targets and their health (none with Prometheus). */
  targets(): ScrapeTargetStatus[];
  close(): Promise<void>;
}

const EMPTY: CompiledRuleSet = { version: 'none', groups: [], thresholds: [], recommendations: [], files: [] };

// Levels changed at runtime (stored) win over the defaults given at start, level by level.
function mergeOverrides(defaults: ThresholdOverrides, stored: ThresholdOverrides): ThresholdOverrides {
  const out: ThresholdOverrides = { ...defaults };
  for (const [name, levels] of Object.entries(stored)) out[name] = { ...out[name], ...levels };
  return out;
}

// PERFORMANCE_ALERT_CHECK_INTERVAL: one interval for every group; the rule set is mapped once per version.
function everyGroupAt(current: () => CompiledRuleSet, intervalMs: number | undefined): () => CompiledRuleSet {
  if (!intervalMs) return current;
  const mapped = new WeakMap<CompiledRuleSet, CompiledRuleSet>();
  return () => {
    const set = current();
    let out = mapped.get(set);
    if (!out) {
      out = { ...set, groups: set.groups.map((g) => ({ ...g, intervalMs })) };
      mapped.set(set, out);
    }
    return out;
  };
}

/** Loads the rules and starts evaluating them; a broken rule directory is reported, never fatal. */
export async function startRules(options: RulesRuntimeOptions): Promise<RulesRuntime> {
  const log = logger();
  const { dir, db } = options;
  const { source, scraper, store } = createSource(options.source);
  const overrides = mergeOverrides(options.thresholdDefaults ?? {}, db ? await loadThresholdOverrides(db) : {});
  const watcher = new RuleFileWatcher({
    dir,
    thresholdOverrides: overrides,
    // Embedded mode refuses, at file:line, expressions outside the evaluator's subset.
    ...(source.name === 'embedded' ? { checkExpr: (expr: string) => source.check(expr) } : {}),
  });
  const first = await watcher.start();
  // A level given at start that does not fit the files (unknown name, warning past critical) is
  // a configuration error: refuse to start rather than run with no rules.
  const badDefaults = first.ok ? [] : first.errors.filter((e) => e.file === OVERRIDES_SOURCE);
  if (badDefaults.length && Object.keys(options.thresholdDefaults ?? {}).length) {
    await watcher.close();
    throw new Error(`threshold defaults: ${badDefaults.map((e) => e.reason).join('; ')}`);
  }
  if (!first.ok) log.error({ dir, errors: first.errors }, 'rule files rejected; no rules run until they are fixed');
  else log.info({ dir, version: first.ruleSet.version, source: source.name }, 'rules loaded');

  const service = new RulesService({
    db,
    source,
    ruleSet: everyGroupAt(() => watcher.current() ?? EMPTY, options.evaluationIntervalMs),
    notifiers: createNotifiers(options.notify, options.externalUrl),
    dedupWindowMs: options.dedupWindowMs,
    externalUrl: options.externalUrl,
    ...(options.alertLink ? { generatorUrl: (rule: { name: string } | undefined) => options.alertLink!(rule?.name) } : {}),
    // Recording rules' results become series the embedded evaluator can read, as in Prometheus.
    ...(store ? { onRecorded: (_name: string, samples, timeMs) => store.ingest(samples, timeMs) } : {}),
  });
  if (scraper) {
    log.info({ targets: options.source.kind === 'embedded' ? options.source.targets : [], intervalMs: scraper.intervalMs }, 'rules evaluator scraping');
    scraper.start();
  }
  await service.start();
  const facade = rulesFacade({
    db,
    service,
    watcher,
    source,
    overrides,
    recommendationProviders: options.recommendationProviders ?? [],
    exemplar: options.exemplar,
  });
  return {
    source,
    service,
    watcher,
    facade,
    targets: () => scraper?.targetStatus() ?? [],
    async close() {
      await service.stop();
      await scraper?.stop();
      await watcher.close();
    },
  };
}
