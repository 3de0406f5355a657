// Terminal renderings of the trace API's answers: the trace list as a table, and one trace as
// a waterfall (names indented by depth, offsets, bars to scale, the critical path marked).
import type { TraceSummary } from './query.js';
import { flatten, type TraceDetail } from './tree.js';

/** Options of {@link renderWaterfall}. */
export interface WaterfallOptions {
  /** Total line width in columns. @defaultValue 100 */
  width?: number;
  /** ANSI colours (critical path bold, errors red). @defaultValue false */
  color?: boolean;
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));

/** The trace list as an aligned table, slowest (or most recent) first as the API ordered it. */
export function renderTraceTable(traces: TraceSummary[]): string {
  if (traces.length === 0) return 'no traces match (the store keeps recent traces only; send some requests first)\n';
  const header = ['TRACE ID', 'DURATION', 'SPANS', 'STATUS', 'STARTED', 'ROOT'];
  const rows = traces.map((t) => [
    t.traceId,
    `${fmt(t.durationMs)} ms`,
    String(t.spanCount),
    t.error ? 'ERROR' : 'ok',
    t.startTime.slice(11, 23),
    t.rootName + (t.retained ? ` (kept: ${t.retained})` : ''),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** One trace as a waterfall; `*` marks the critical path, `!` a failed span. */
export function renderWaterfall(trace: TraceDetail, options: WaterfallOptions = {}): string {
  const width = Math.max(60, options.width ?? 100);
  const spans = flatten(trace.spans);
  const total = Math.max(trace.durationMs, ...spans.map((s) => s.offsetMs + s.durationMs), 0.001);
  const labelWidth = Math.min(40, Math.max(...spans.map((s) => s.depth * 2 + s.name.length + 2)));
  const barWidth = width - 21 - labelWidth - 2;
  const paint = (text: string, code: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);

  const out = [
    `trace ${trace.traceId}  ${trace.rootName}  ${fmt(trace.durationMs)} ms  ${trace.spanCount} spans${trace.error ? '  ERROR' : ''}`,
    `started ${trace.startTime}; * critical path, ! error`,
    `${'OFFSET'.padStart(9)} ${'DURATION'.padStart(9)}  ${pad('SPAN', labelWidth)}|${pad('0 ms', barWidth - 10)}${`${fmt(total)} ms`.padStart(10)}|`,
  ];
  for (const s of spans) {
    const from = Math.min(barWidth - 1, Math.floor((s.offsetMs / total) * barWidth));
    const to = Math.max(from + 1, Math.min(barWidth, Math.ceil(((s.offsetMs + s.durationMs) / total) * barWidth)));
    const bar = ' '.repeat(from) + (s.critical ? '█' : '▒').repeat(to - from) + ' '.repeat(barWidth - to);
    const failed = s.status.code === 'ERROR';
    const label = pad(`${'  '.repeat(s.depth)}${s.critical ? '*' : ' '}${failed ? '!' : ' '}${s.name}`, labelWidth);
    const row = `${fmt(s.offsetMs).padStart(6)} ms ${fmt(s.durationMs).padStart(6)} ms  ${label}|${bar}|`;
    out.push(failed ? paint(row, '31') : s.critical ? paint(row, '1') : row);
  }
  if (trace.droppedSpans > 0) out.push(`(${trace.droppedSpans} more spans not kept: the trace exceeded maxSpansPerTrace)`);
  return out.join('\n') + '\n';
}
