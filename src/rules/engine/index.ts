// Public entry of the alert engine: lifecycle, identity, templates, stores, leadership, scheduling.
export { planRule, type RulePlan, type RulePlanInput, type Transition } from './lifecycle.js';
export { alertLabels, fingerprint, ruleKeys } from './fingerprint.js';
export { expandTemplate, expandAll, type TemplateData } from './template.js';
export { formatG, formatValue, humanize, humanize1024, humanizeDuration, humanizePercentage } from './humanize.js';
export { sprintf } from './printf.js';
export { NotificationLedger, type NotifiedState } from './dedup.js';
export { silencedBy, silences as silenceMatches, validateMatchers } from './silences.js';
export type { AlertStore, LoadedState, NotifiedMark } from './store.js';
export { MemoryAlertStore } from './memory-store.js';
export { PostgresAlertStore } from './pg-store.js';
export { toRecord, toActive, type StoredAlert } from './records.js';
export { LeaderLock, RULES_LOCK_KEY, type LeaderLockOptions } from './leader.js';
export { GroupScheduler, type GroupSchedulerOptions } from './scheduler.js';
export { GroupEvaluator, toNotification, type GroupEvaluatorOptions, type GroupReport } from './evaluator.js';
export { AlertTable } from './state.js';
export { RulesMetrics, type RulesGaugeReads } from './metrics.js';
export { mapLimit } from './limit.js';
export type * from './types.js';
