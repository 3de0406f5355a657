// Public entry of the rules package, for users of `foresight` and for the composition root: the
// assembled runtime (rule files, query source, evaluation, notifications), its parts for those
// who wire their own, the views the HTTP layer shows, and the exports for Prometheus, vmalert and Grafana. The subfolders' own
// entries (engine/, files/, promql/, …) serve the package's modules and its tests.
export { startRules, type RulesRuntime, type RulesRuntimeOptions, type RulesSourceOptions, type NotifyOptions } from './runtime/index.js';
export { RulesService, type RulesServiceOptions, type EvaluationReport } from './service.js';
export { loadRuleFiles, RuleFileWatcher, type LoadResult, type ThresholdOverrides } from './files/index.js';
export { EmbeddedSource, type EmbeddedSourceOptions } from './promql/index.js';
export { PrometheusSource, type PrometheusSourceOptions } from './sources/index.js';
export { Scraper, SeriesStore, type ScrapeTarget } from './scrape/index.js';
export { exportGrafana, exportPrometheus, type GrafanaExportOptions } from './export/index.js';
export type { Notifier, AlertNotification } from './notify/index.js';
export type { AlertView, RecommendationView, RulesFacade, Silence, SilenceMatcher, SilenceRequest, ThresholdPatch } from './views.js';
export type { AlertState, CompiledRuleSet, QuerySource, RuleFileError, Threshold, VectorSample } from './types.js';
