// The agent's composition: telemetry for the app, the in-process trace store attached to it,
// the trace inspection API and console mounted on the telemetry port, and the stop on SIGTERM.
// `foresight/register` runs this before the app loads; so does `foresight start`.
import { diag } from '@opentelemetry/api';
import { installShutdownHandlers } from '../telemetry/shutdown.js';
import { startTelemetry, type Telemetry } from '../telemetry/sdk.js';
import { sharedTraceStore } from '../traces/shared.js';
import { consoleHandler, traceHandler } from './port-routes.js';

/** Starts the agent; telemetry that cannot start is reported and the app runs unobserved. */
export async function startAgent(): Promise<Telemetry | undefined> {
  let telemetry: Telemetry;
  try {
    telemetry = await startTelemetry();
  } catch (err) {
    process.stderr.write(`foresight/register: telemetry not started: ${(err as Error).message}\n`);
    return undefined;
  }
  if (!telemetry.enabled) return telemetry;
  try {
    const store = sharedTraceStore();
    if (store) {
      telemetry.addSpanProcessor?.(store);
      telemetry.port?.mount(traceHandler(store));
    }
  } catch (err) {
    // A malformed TRACE_STORE_* variable costs the trace store only.
    diag.warn(`trace store not started: ${(err as Error).message}`);
  }
  telemetry.port?.mount(consoleHandler());
  installShutdownHandlers(telemetry);
  return telemetry;
}
