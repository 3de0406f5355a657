// The stop on SIGTERM/SIGINT and at the end of a script. When the app handles the signal
// itself, it owns its shutdown: the agent exports what has finished and flushes the rest when
// the process runs out of work, never cutting the app's own stop short. When nothing else
// handles it, the agent stops the app gracefully as a server should: no new connections, idle
// keep-alive sockets closed, in-flight requests answered (up to a deadline), telemetry flushed
// last, exit 0. Installed only by the agent and the CLI: a library must not take over signals.
import { diag } from '@opentelemetry/api';
import { readAgentConfig } from '../config/agent.js';
import type { Telemetry } from './sdk.js';

/** Options of {@link installShutdownHandlers}. */
export interface ShutdownOptions {
  /** Signals handled. @defaultValue ['SIGTERM', 'SIGINT'] */
  signals?: NodeJS.Signals[];
  /** Longest wait for in-flight requests. @defaultValue FORESIGHT_DRAIN_TIMEOUT_MS, else 10000 */
  drainMs?: number;
  /** Longest wait for the flush. @defaultValue 5000 */
  flushMs?: number;
}

async function within(work: Promise<unknown>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      diag.warn(`${what} took longer than ${ms} ms; giving up`);
      resolve();
    }, ms);
    timer.unref();
  });
  await Promise.race([work.then(() => undefined, (err: unknown) => diag.error(`${what} failed`, err)), timeout]);
  clearTimeout(timer);
}

/** Installs the handlers; returns a function that removes them. */
export function installShutdownHandlers(telemetry: Telemetry, options: ShutdownOptions = {}): () => void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const drainMs = options.drainMs ?? readAgentConfig(process.env).FORESIGHT_DRAIN_TIMEOUT_MS;
  const flushMs = options.flushMs ?? 5000;
  const flush = () => within(telemetry.shutdown(), flushMs, 'telemetry shutdown');
  let stopping = false;

  const onSignal = (signal: NodeJS.Signals) => {
    // Ours is one of the listeners; any other is the app's own.
    if (process.listenerCount(signal) > 1) {
      // Export what has finished now: an app that ends with process.exit() gives no later chance.
      void within(telemetry.forceFlush?.() ?? Promise.resolve(), flushMs, 'telemetry flush');
      return;
    }
    if (stopping) return;
    stopping = true;
    void (async () => {
      if (telemetry.servers) {
        const inTime = await telemetry.servers.close(drainMs);
        if (!inTime) diag.warn(`in-flight requests still open after ${drainMs} ms; connections cut`);
      }
      await flush();
      process.exit(0);
    })();
  };
  // A script that simply finishes would drop the spans still queued in the batch processor.
  const onBeforeExit = () => void flush();

  for (const s of signals) process.on(s, onSignal);
  process.once('beforeExit', onBeforeExit);
  return () => {
    for (const s of signals) process.off(s, onSignal);
    process.off('beforeExit', onBeforeExit);
  };
}
