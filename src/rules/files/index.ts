// Public entry of the rule files: load and check the versioned YAML of alert-rules/, compile it
// with the current thresholds, and watch it for changes.
export { loadRuleFiles, loadRuleTexts, listRuleFiles, type LoadResult, type LoadOptions } from './load.js';
export { compileRuleSet, thresholdOperator, type CompileResult } from './compile.js';
export { parseRuleFile, DEFAULT_INTERVAL_MS, type ParseFileResult } from './parse.js';
export { mergeRuleFiles } from './merge.js';
export { applyThresholdOverrides, levelProblem, OVERRIDES_SOURCE, type ThresholdOverrides } from './thresholds.js';
export { RuleFileWatcher, type RuleFileWatcherOptions, type ReloadFailure } from './watcher.js';
export { BURN_WINDOWS, SLI_WINDOWS, sliRecordName, sloGroupName, type BurnWindow } from './slo.js';
export { parseDuration, formatDuration } from './duration.js';
export { checkPromql, unsupportedConstructs, type PromqlProblem } from './promql.js';
export type * from './model.js';
