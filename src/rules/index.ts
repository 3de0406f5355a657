// Public entry of the rules service: the service, its engine, notifiers and query sources, and
// the rule files, exports, embedded evaluator and scrape layer built alongside.
export { RulesService, type EvaluationReport, type RulesServiceOptions } from './service.js';
export * from './engine/index.js';
export * from './notify/index.js';
export * from './sources/index.js';
export * from './files/index.js';
export * from './export/index.js';
export * from './promql/index.js';
export * from './scrape/index.js';
export type * from './types.js';
