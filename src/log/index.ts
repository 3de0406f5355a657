// Structured JSON logs (seed 000's fields) with the active trace and span ids, to stdout and a
// file that is rotated by size, so the file cannot fill its volume.
import fs from 'node:fs';
import path from 'node:path';
import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';

export type { Logger };

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** @defaultValue 'info' */
  level?: string;
  /** JSON log file; empty for stdout only. Written as `<name>.<n><ext>` (n counts up at each rotation). @defaultValue '' */
  file?: string;
  /** Size past which the file is rotated: a number with a `k`, `m` or `g` suffix. @defaultValue '10m' */
  fileMaxSize?: string;
  /** Rotated files kept besides the one being written, this run's and earlier runs' alike. @defaultValue 5 */
  fileMaxFiles?: number;
  /** The `service` field. @defaultValue 'foresight' */
  service?: string;
}

/** pino's transport stream (thread-stream); `ready` and `ref` exist but its types omit them. */
type FileTransport = ReturnType<typeof pino.transport> & { readonly ready: boolean; readonly closed: boolean; ref(): void };
const fileTransports = new WeakMap<Logger, FileTransport>();

// Seed 000 spells the levels INFO, ERROR, WARNING and DEBUG: pino's `warn` is written as
// WARNING, every other level as its name in upper case.
const LEVEL_NAMES: Record<string, string> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR', fatal: 'FATAL' };

// The `timestamp` field, made once per millisecond: under load several lines share one.
let lastMs = 0;
let lastField = '';
function isoTimestamp(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastField = `,"timestamp":"${new Date(now).toISOString()}"`;
  }
  return lastField;
}

/** Builds the process logger: `timestamp`, `level` (seed 000's names), `service`, `message`, `trace_id`, `span_id`. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const { level = 'info', file = '', fileMaxSize = '10m', fileMaxFiles = 5, service = 'foresight' } = options;
  const streams: pino.StreamEntry[] = [{ level: level as pino.Level, stream: pino.destination({ dest: 1, sync: false }) }];
  // pino-roll writes in a worker thread, so rotation (rename, unlink) never blocks a request.
  const rolling = file && fileWritable(file)
    ? (pino.transport({
        target: 'pino-roll',
        options: {
          file: path.resolve(file),
          size: fileMaxSize,
          mkdir: true,
          // removeOtherLogFiles: files left by earlier runs count too, so the bound holds across restarts.
          limit: { count: fileMaxFiles, removeOtherLogFiles: true },
        },
      }) as FileTransport)
    : undefined;
  if (rolling) {
    // A file that cannot be written costs the file only: stdout keeps every line.
    let warned = false;
    rolling.on('error', (err: Error) => {
      if (!warned) process.stderr.write(`foresight: log file ${file} not written: ${err.message}\n`);
      warned = true;
    });
    streams.push({ level: level as pino.Level, stream: rolling });
  }
  const log = pino(
    {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: isoTimestamp,
      formatters: { level: (label) => ({ level: LEVEL_NAMES[label] ?? label.toUpperCase() }) },
      // Correlates every line with the span it was written in, so a slow trace leads to its logs.
      mixin: traceIds,
      mixinMergeStrategy: mergeTraceIds,
    },
    // One stream (no log file) needs no multistream: it cost ~3 % of a cache hit's CPU.
    streams.length === 1 ? streams[0]!.stream : pino.multistream(streams),
  );
  if (rolling) fileTransports.set(log, rolling);
  // Under the agent, its pino instrumentation wraps every logger's mixin in its own, which reads
  // the active span a second time and builds two more objects for each line (~1 µs of a cache
  // hit); this logger writes the ids itself.
  (log as unknown as Record<symbol, unknown>)[pino.symbols.mixinSym] = traceIds;
  return log;
}

// The ids of the active span, or, outside one (nearly every request: see the sampler), one shared
// empty object that mergeTraceIds leaves alone instead of a new object to merge into.
const NO_IDS: object = Object.freeze({});
function traceIds(): object {
  const ctx = trace.getActiveSpan()?.spanContext();
  return ctx ? { trace_id: ctx.traceId, span_id: ctx.spanId } : NO_IDS;
}

// pino's default merges a line's fields into the mixin's object (a new one for each line).
function mergeTraceIds(fields: object, ids: object): object {
  return ids === NO_IDS ? fields : Object.assign(ids, fields);
}

/**
 * Whether `file`'s folder exists or can be made, and is writable; otherwise warns once. A worker
 * started on a file it cannot open dies, and thread-stream (up to 4.2.1 at least) may then throw
 * from a flush it had already scheduled (a RangeError, seen intermittently): the process would
 * die of a log file it was meant to do without.
 */
function fileWritable(file: string): boolean {
  try {
    const dir = path.dirname(path.resolve(file));
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch (err) {
    process.stderr.write(`foresight: log file ${file} not written: ${(err as Error).message}\n`);
    return false;
  }
}

/** Resolves once the log file's worker has started (lines written before reach it as one write); at once when there is no file. */
export function logFileReady(log: Logger): Promise<void> {
  const rolling = fileTransports.get(log);
  if (!rolling || rolling.ready) return Promise.resolve();
  return new Promise((resolve, reject) => {
    rolling.once('ready', () => resolve());
    rolling.once('error', reject);
  });
}

/** Ends the logger's file; resolves once its worker has written every line and closed the file. */
export async function closeLogFile(log: Logger): Promise<void> {
  const rolling = fileTransports.get(log);
  if (!rolling) return;
  fileTransports.delete(log);
  // pino unrefs the worker once it is ready: ref it after that, or the unref would win.
  if (!rolling.ready && !rolling.closed) {
    await new Promise<void>((resolve) => {
      rolling.once('ready', () => resolve());
      rolling.once('close', () => resolve());
    });
  }
  if (rolling.closed) return;
  await new Promise<void>((resolve) => {
    rolling.once('close', () => resolve());
    // The worker does not hold the process open by default; until it has closed, it must.
    rolling.ref();
    rolling.end();
  });
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
