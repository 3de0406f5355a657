// The public API of the `foresight` package (`import … from 'foresight'`): start the agent in
// code, keep traces in the in-process store, load and run alert rules, and export them for
// Prometheus, vmalert and Grafana. Instrumenting an app needs none of it: `node --import
// foresight/register app.js` does that. Everything else in the package is internal and may change.

// The agent: telemetry for this process (what `foresight/register` runs), with the trace store
// and console on the telemetry port. Started this way, modules loaded before the call are not
// instrumented and ESM ones are not at all: prefer `--import foresight/register`.
export { startAgent } from './agent/index.js';

// The trace store: a span processor keeping recent traces (slow and failed ones longest), with
// their queries and terminal renderings.
export {
  TraceStore,
  renderTraceTable,
  renderWaterfall,
  type TraceStoreOptions,
  type TraceStoreStats,
  type TraceQuery,
  type TraceSummary,
  type TraceDetail,
  type SpanNode,
} from './traces/index.js';

// The rules engine: the assembled runtime, or its parts, and the rule exports.
export {
  startRules,
  RulesService,
  loadRuleFiles,
  RuleFileWatcher,
  EmbeddedSource,
  PrometheusSource,
  Scraper,
  SeriesStore,
  exportPrometheus,
  exportGrafana,
  type RulesRuntime,
  type RulesRuntimeOptions,
  type RulesSourceOptions,
  type NotifyOptions,
  type RulesServiceOptions,
  type EvaluationReport,
  type LoadResult,
  type ThresholdOverrides,
  type EmbeddedSourceOptions,
  type PrometheusSourceOptions,
  type ScrapeTarget,
  type GrafanaExportOptions,
  type Notifier,
  type AlertNotification,
  type AlertState,
  type CompiledRuleSet,
  type QuerySource,
  type RuleFileError,
  type Threshold,
  type VectorSample,
} from './rules/index.js';
