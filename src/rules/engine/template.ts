// Annotation templates: the subset of Go text/template that alert annotations use —
// `{{ $value }}`, `{{ $labels.name }}`, `{{ $threshold }}`, pipelines into humanize* and printf.
// A broken template renders as Prometheus renders it, `<error expanding template: …>`, so a typo
// shows in the notification instead of silently dropping it.
import type { Labels } from '../types.js';
import { formatValue, humanize, humanize1024, humanizeDuration, humanizePercentage } from './humanize.js';
import { sprintf } from './printf.js';

/** What a template can refer to. */
export interface TemplateData {
  value: number;
  labels: Labels;
  threshold?: number;
}

type Arg = string | number | Labels | undefined;

// Arguments read as Go's text/template prints them (text(), below): a label set as map[k:v ...].
const functions: Record<string, (...args: Arg[]) => string> = {
  humanize: (v) => humanize(num(v)),
  humanize1024: (v) => humanize1024(num(v)),
  humanizePercentage: (v) => humanizePercentage(num(v)),
  humanizeDuration: (v) => humanizeDuration(num(v)),
  printf: (format, ...rest) => sprintf(text(format), rest.map((a) => (typeof a === 'object' ? '' : a))),
  toUpper: (s) => text(s).toUpperCase(),
  toLower: (s) => text(s).toLowerCase(),
  title: (s) => text(s).replace(/\b\w/g, (c) => c.toUpperCase()),
};

function num(v: Arg): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (typeof v === 'object' || Number.isNaN(n) && v !== 'NaN') throw new Error(`expected a number, got ${JSON.stringify(v)}`);
  return n;
}

// Words, quoted strings (with escapes) and pipes.
const TOKEN = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|\||[^\s|]+)/gy;

function tokenize(action: string): string[] {
  const tokens: string[] = [];
  let end = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(action); m; m = TOKEN.exec(action)) {
    tokens.push(m[1]!);
    end = TOKEN.lastIndex;
  }
  if (action.slice(end).trim()) throw new Error(`cannot read ${JSON.stringify(action.slice(end).trim())}`);
  return tokens;
}

function operand(token: string, data: TemplateData): Arg {
  if (token === '$value' || token === '.Value') return data.value;
  if (token === '$threshold') return data.threshold;
  if (token === '$labels' || token === '.Labels') return data.labels;
  const label = /^(?:\$labels|\.Labels)\.([A-Za-z_]\w*)$/.exec(token);
  if (label) return data.labels[label[1]!] ?? '';
  if (token.startsWith('"')) return JSON.parse(token) as string;
  if (token.startsWith('`')) return token.slice(1, -1);
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(token)) return Number(token);
  throw new Error(`undefined ${token.startsWith('$') ? 'variable' : 'function'} ${JSON.stringify(token)}`);
}

function text(v: Arg): string {
  if (v === undefined) return '<no value>';
  if (typeof v === 'number') return formatValue(v);
  if (typeof v === 'object') return `map[${Object.keys(v).sort().map((k) => `${k}:${v[k]}`).join(' ')}]`;
  return v;
}

function runAction(action: string, data: TemplateData): string {
  const commands: string[][] = [[]];
  for (const token of tokenize(action)) {
    if (token === '|') commands.push([]);
    else commands[commands.length - 1]!.push(token);
  }
  let piped: Arg;
  let first = true;
  for (const command of commands) {
    if (command.length === 0) throw new Error('missing command in pipeline');
    const [head, ...rest] = command as [string, ...string[]];
    const fn = functions[head];
    if (fn) {
      const args = rest.map((t) => operand(t, data));
      if (!first) args.push(piped);
      piped = fn(...args);
    } else {
      if (!first || rest.length > 0) throw new Error(`${JSON.stringify(head)} is not a function`);
      piped = operand(head, data);
    }
    first = false;
  }
  return text(piped);
}

/** Expands `template` with the alert's value, labels and threshold. */
export function expandTemplate(template: string, data: TemplateData): string {
  if (!template.includes('{{')) return template;
  try {
    return template.replace(/\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g, (_m, _l: string, action: string) => runAction(action, data));
  } catch (err) {
    return `<error expanding template: ${(err as Error).message}>`;
  }
}

/** Expands every value of `templates`. */
export function expandAll(templates: Labels, data: TemplateData): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(templates)) out[k] = expandTemplate(v, data);
  return out;
}
