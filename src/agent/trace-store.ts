// The trace store the agent's variables describe (FORESIGHT_TRACE_STORE, TRACE_STORE_MAX_*,
// TRACE_SLOW_MS): created by the agent, found again by the server through the same call.
import type { AgentConfig } from '../config/agent.js';
import type { SlowThreshold } from '../telemetry/slow-threshold.js';
import { sharedTraceStore } from '../traces/shared.js';
import type { TraceStore } from '../traces/store.js';

type TraceStoreConfig = Pick<AgentConfig, 'FORESIGHT_TRACE_STORE' | 'TRACE_STORE_MAX_TRACES' | 'TRACE_STORE_MAX_BYTES' | 'TRACE_SLOW_MS'>;

/**
 * The process's trace store as `config` sets it up, or undefined when FORESIGHT_TRACE_STORE is
 * off; `slowThreshold` is the one the agent's tail decision uses, so both agree on what is slow.
 */
export function configuredTraceStore(config: TraceStoreConfig, slowThreshold?: SlowThreshold): TraceStore | undefined {
  if (!config.FORESIGHT_TRACE_STORE) return undefined;
  return sharedTraceStore({
    maxTraces: config.TRACE_STORE_MAX_TRACES,
    maxBytes: config.TRACE_STORE_MAX_BYTES,
    slowThresholdMs: config.TRACE_SLOW_MS,
    slowThreshold,
  });
}
