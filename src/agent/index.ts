// The agent's composition: telemetry for the app, the in-process trace store attached to it,
// the trace inspection API, the per-route RED view and the console mounted on the telemetry
// port, and the stop on SIGTERM.
// `foresight/register` runs this before the app loads; so does `foresight start`.
import { diag } from '@opentelemetry/api';
import { readAgentConfig } from '../config/agent.js';
import type { ConsoleSource } from '../console/asset.js';
import { installShutdownHandlers } from '../telemetry/shutdown.js';
import { latencyBuckets } from '../telemetry/http-server/red.js';
import { startTelemetry, type Telemetry } from '../telemetry/sdk.js';
import { SlowThreshold } from '../telemetry/slow-threshold.js';
import { consoleHandler, routesHandler, traceHandler } from './port-routes.js';
import { RouteWindow } from './route-window.js';
import { configuredTraceStore } from './trace-store.js';

/** Mounts `/api/v1/routes`, its snapshots taken until the telemetry shuts down; false when there is no port. */
function mountRoutes(telemetry: Telemetry): boolean {
  const { red, port } = telemetry;
  if (!red || !port) return false;
  const routeWindow = new RouteWindow(() => red.read(), { bounds: latencyBuckets });
  routeWindow.start();
  port.mount(routesHandler(routeWindow));
  const shutdown = telemetry.shutdown.bind(telemetry);
  telemetry.shutdown = () => (routeWindow.stop(), shutdown());
  return true;
}

/**
 * Starts the agent as `env` (default `process.env`) configures it; telemetry that cannot start
 * is reported and the app runs unobserved.
 */
export async function startAgent(env: NodeJS.ProcessEnv = process.env): Promise<Telemetry | undefined> {
  const config = readAgentConfig(env);
  // One threshold for the tail decision and the trace store: the requests the agent keeps for
  // being slow are the ones the store keeps longer, in the `p95` mode too.
  const slowThreshold = new SlowThreshold(config.TRACE_SLOW_MS);
  let telemetry: Telemetry;
  try {
    telemetry = await startTelemetry({ env, slowThreshold });
  } catch (err) {
    process.stderr.write(`foresight/register: telemetry not started: ${(err as Error).message}\n`);
    return undefined;
  }
  if (!telemetry.enabled) return telemetry;
  const sources: ConsoleSource[] = [];
  try {
    const store = configuredTraceStore(config, slowThreshold);
    if (store) {
      telemetry.addSpanProcessor?.(store);
      telemetry.port?.mount(traceHandler(store));
      sources.push('traces', 'recommendations');
    }
  } catch (err) {
    // A store that cannot start costs the trace store only.
    diag.warn(`trace store not started: ${(err as Error).message}`);
  }
  if (mountRoutes(telemetry)) sources.push('routes');
  telemetry.port?.mount(consoleHandler(sources));
  installShutdownHandlers(telemetry, { drainMs: config.FORESIGHT_DRAIN_TIMEOUT_MS });
  return telemetry;
}
