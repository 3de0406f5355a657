// The collecting half of the test OTLP receivers, whatever their transport: what has arrived,
// and waits on it.
import type { ReceivedLog, ReceivedSpan } from './otlp-data.js';

/** What a receiver has collected, and waits on it. */
export interface OtlpSink {
  /** Base URL, e.g. for OTEL_EXPORTER_OTLP_ENDPOINT. */
  url: string;
  /** Every span received so far. */
  spans: ReceivedSpan[];
  /** Every log record received so far. */
  logs: ReceivedLog[];
  /** Resolves with all spans once `predicate(spans)` holds; rejects after `timeoutMs` listing what arrived. */
  waitFor(predicate: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number): Promise<ReceivedSpan[]>;
  /** The same for log records. */
  waitForLogs(predicate: (logs: ReceivedLog[]) => boolean, timeoutMs?: number): Promise<ReceivedLog[]>;
  close(): Promise<void>;
}

/** The collecting half of a receiver: `add` what arrived; the transport adds `url` and `close`. */
export function collector() {
  const spans: ReceivedSpan[] = [];
  const logs: ReceivedLog[] = [];
  const waiters = new Set<() => void>();

  function waitOn<T>(items: T[], describe: (t: T) => string, what: string) {
    return (predicate: (items: T[]) => boolean, timeoutMs = 10_000) =>
      new Promise<T[]>((resolve, reject) => {
        const check = () => {
          if (!predicate(items)) return;
          cleanup();
          resolve(items);
        };
        const timer = setTimeout(() => {
          cleanup();
          const seen = items.map(describe).join(', ') || 'none';
          reject(new Error(`OTLP receiver: condition not met in ${timeoutMs} ms; ${what} received: ${seen}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
  }

  return {
    spans,
    logs,
    add(received: { spans?: ReceivedSpan[]; logs?: ReceivedLog[] }) {
      spans.push(...(received.spans ?? []));
      logs.push(...(received.logs ?? []));
      for (const w of waiters) w();
    },
    waitFor: waitOn(spans, (s) => `${s.name} (kind ${s.kind})`, 'spans'),
    waitForLogs: waitOn(logs, (l) => JSON.stringify(l.body), 'log records'),
  };
}
