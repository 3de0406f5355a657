// A parser of the Prometheus text exposition format (version 0.0.4): HELP and TYPE lines,
// label values with escapes, +Inf/-Inf/NaN, optional timestamps. A malformed line is skipped
// and counted rather than failing the whole scrape, as one bad exporter line should not
// blind every rule.
import type { Labels } from '../types.js';
import { METRIC_NAME } from './labels.js';

/** One parsed sample; `labels` includes `__name__`. */
export interface ExposedSample {
  labels: Labels;
  value: number;
  /** The sample's own timestamp when the line carries one. */
  timestampMs?: number;
}

/** A parsed exposition body. */
export interface Exposition {
  samples: ExposedSample[];
  /** Metric family types from `# TYPE` lines. */
  types: Map<string, string>;
  /** Lines that could not be parsed, with their 1-based line number. */
  errors: Array<{ line: number; reason: string }>;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

/** Parses a float as Go's strconv.ParseFloat does for the spellings exporters use. */
export function parseSampleValue(text: string): number {
  switch (text.toLowerCase()) {
    case '+inf':
    case 'inf':
      return Infinity;
    case '-inf':
      return -Infinity;
    case 'nan':
      return Number.NaN;
  }
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (Number.isNaN(value)) throw new Error(`invalid value ${JSON.stringify(text)}`);
  return value;
}

/** Parses a whole exposition body. */
export function parseExposition(body: string): Exposition {
  const out: Exposition = { samples: [], types: new Map(), errors: [] };
  const lines = body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s*TYPE\s+(\S+)\s+(\S+)/.exec(line);
      if (m) out.types.set(m[1]!, m[2]!);
      continue;
    }
    try {
      out.samples.push(parseSampleLine(line));
    } catch (err) {
      out.errors.push({ line: i + 1, reason: (err as Error).message });
    }
  }
  return out;
}

/** Parses one sample line: `name{labels} value [timestamp]`. */
export function parseSampleLine(line: string): ExposedSample {
  const name = NAME.exec(line)?.[0];
  if (!name) throw new Error('missing metric name');
  const labels: Labels = { [METRIC_NAME]: name };
  let pos = name.length;
  if (line[pos] === '{') pos = parseLabels(line, pos + 1, labels);
  const rest = line.slice(pos).trim().split(/\s+/);
  if (rest.length < 1 || rest.length > 2 || rest[0] === '') throw new Error('expected a value and an optional timestamp');
  const sample: ExposedSample = { labels, value: parseSampleValue(rest[0]!) };
  if (rest[1] !== undefined) {
    const ts = Number(rest[1]);
    if (!Number.isInteger(ts)) throw new Error(`invalid timestamp ${JSON.stringify(rest[1])}`);
    sample.timestampMs = ts;
  }
  return sample;
}

// Reads `a="x",b="y"}` from `pos`; returns the index after the closing brace.
function parseLabels(line: string, pos: number, labels: Labels): number {
  for (;;) {
    while (line[pos] === ' ') pos++;
    if (line[pos] === '}') return pos + 1;
    const name = LABEL_NAME.exec(line.slice(pos))?.[0];
    if (!name) throw new Error(`invalid label name at column ${pos + 1}`);
    pos += name.length;
    while (line[pos] === ' ') pos++;
    if (line[pos] !== '=' || line[pos + 1] !== '"') throw new Error(`expected ="…" after label ${name}`);
    pos += 2;
    let value = '';
    for (;;) {
      const c = line[pos];
      if (c === undefined) throw new Error(`unterminated value of label ${name}`);
      if (c === '"') break;
      if (c === '\\') {
        const e = line[pos + 1];
        value += e === 'n' ? '\n' : e === '\\' ? '\\' : e === '"' ? '"' : `\\${e ?? ''}`;
        pos += 2;
      } else {
        value += c;
        pos++;
      }
    }
    pos++;
    if (name in labels && name !== METRIC_NAME) throw new Error(`duplicate label ${name}`);
    labels[name] = value;
    while (line[pos] === ' ') pos++;
    if (line[pos] === ',') pos++;
    else if (line[pos] !== '}') throw new Error(`expected , or } at column ${pos + 1}`);
  }
}
