// Structured JSON logs (seed 000's fields) with the active trace and span ids, to stdout and a file.
import fs from 'node:fs';
import path from 'node:path';
import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export type { Logger };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** @defaultValue 'info' */
  level?: string;
  /** JSON log file; empty for stdout only. @defaultValue '' */
  file?: string;
  /** The `service` field. @defaultValue 'foresight' */
  service?: string;
}

/** Builds the process logger: `timestamp`, `level` (upper case), `service`, `message`, `trace_id`, `span_id`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { level = 'info', file = '', service = 'foresight' } = options;
  const streams: pino.StreamEntry[] = [{ level: level as pino.Level, stream: pino.destination({ dest: 1, sync: false }) }];
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    streams.push({ level: level as pino.Level, stream: pino.destination({ dest: file, sync: false, mkdir: true }) });
  }
  return pino(
    {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label.toUpperCase() }) },
      // Correlates every line with the span it was written in, so a slow trace leads to its logs.
      mixin() {
        const ctx = trace.getActiveSpan()?.spanContext();
        return ctx ? { trace_id: ctx.traceId, span_id: ctx.spanId } : {};
      },
    },
    pino.multistream(streams),
  );
}

let shared: Logger | undefined;

/** The process-wide logger; {@link setLogger} replaces it at start, tests keep the quiet default. */
export function logger(): Logger {
  shared ??= pino({ level: process.env.LOG_LEVEL ?? 'silent', messageKey: 'message' });
  return shared;
}

/** Installs the process-wide logger. */
export function setLogger(next: Logger): void {
  shared = next;
}
