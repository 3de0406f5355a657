// Trace inspection: the in-process trace store (a span processor with tail retention), its
// queries and their parameter schemas, the terminal renderings and the trace-based recommendations.
export { TraceStore, type TraceStoreStats } from './store.js';
export { resolveTraceStoreOptions, type TraceStoreOptions, type ResolvedTraceStoreOptions } from './options.js';
export type { TraceQuery, TraceSummary, TraceExemplar } from './query.js';
export type { TraceDetail, SpanNode } from './tree.js';
export { toTraceQuery, traceIdParam, traceListQuery } from './params.js';
export { renderTraceTable, renderWaterfall, type WaterfallOptions } from './waterfall-text.js';
export { analyseTraces, type AnalyseOptions, type TraceRecommendation, type TraceSource } from './analyse/index.js';
export { sharedTraceStore } from './shared.js';
