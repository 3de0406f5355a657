// The telemetry layer: SDK start-up, domain metrics, tracing helpers and the Hono middleware.
export { startTelemetry, type Telemetry } from './sdk.js';
export { resolveTelemetryOptions, instrumentationNames, type InstrumentationName, type TelemetryOptions } from './options.js';
export { installShutdownHandlers, type ShutdownOptions } from './shutdown.js';
export { requestTelemetry, matchedRoutePattern, type RequestTelemetryOptions } from './hono.js';
export { domainMetrics, observeGauge, timed, resetDomainMetrics, type DomainMetrics } from './metrics.js';
export { inSpan, tracer } from './tracer.js';
