// Flushes telemetry when the process is asked to stop or runs out of work. Installed only by
// the register entry and the CLI: a library must not take over a host's signal handling.
import { diag } from '@opentelemetry/api';
import type { Telemetry } from './sdk.js';

/** Options of {@link installShutdownHandlers}. */
export interface ShutdownOptions {
  /** Signals that flush and shut telemetry down. @defaultValue ['SIGTERM', 'SIGINT'] */
  signals?: NodeJS.Signals[];
  /** Longest wait for the flush before the process goes on stopping. @defaultValue 5000 */
  timeoutMs?: number;
}

/** Shuts `telemetry` down on the signals and on `beforeExit`; returns a function that removes the handlers. */
export function installShutdownHandlers(telemetry: Telemetry, options: ShutdownOptions = {}): () => void {
  const { signals = ['SIGTERM', 'SIGINT'], timeoutMs = 5000 } = options;

  const flush = async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        diag.warn(`telemetry shutdown took longer than ${timeoutMs} ms; giving up`);
        resolve();
      }, timeoutMs);
      timer.unref();
    });
    await Promise.race([telemetry.shutdown().catch((err: unknown) => diag.error('telemetry shutdown failed', err)), timeout]);
    clearTimeout(timer);
  };

  const onSignal = (signal: NodeJS.Signals) => {
    void flush().then(() => {
      // A listener replaces Node's default "terminate on signal". When ours was the only one,
      // restore that default once flushed; otherwise the application owns the exit.
      process.off(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  // A script that simply finishes would drop the spans still queued in the batch processor.
  const onBeforeExit = () => void flush();

  for (const s of signals) process.once(s, onSignal);
  process.once('beforeExit', onBeforeExit);
  return () => {
    for (const s of signals) process.off(s, onSignal);
    process.off('beforeExit', onBeforeExit);
  };
}
