// The telemetry layer: SDK start-up, the HTTP server path and its RED metrics, the
// instrumentation catalogue, domain metrics and tracing helpers.
export { startTelemetry, type Telemetry } from './sdk.js';
export { resolveTelemetryOptions, type TelemetryOptions } from './options.js';
export { instrumentationNames, catalogue } from './instrumentations/index.js';
export { installShutdownHandlers, type ShutdownOptions } from './shutdown.js';
export { matchedRoutePattern } from './hono/route.js';
export { UNMATCHED } from './http-server/index.js';
export { domainMetrics, observeGauge, timed, resetDomainMetrics, type DomainMetrics } from './metrics.js';
export { inSpan, tracer } from './tracer.js';
