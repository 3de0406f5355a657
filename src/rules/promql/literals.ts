// Decoding of PromQL literals: numbers (Go ParseFloat spellings, hex, durations as seconds),
// durations, and the three string quotings.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;

/** Parses a duration such as `1h30m` into milliseconds; a plain number means seconds. */
export function parseDuration(text: string): number {
  if (DURATION.test(text)) {
    let ms = 0;
    for (const m of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) ms += Number(m[1]) * UNITS[m[2]!]!;
    return ms;
  }
  const seconds = parseNumber(text);
  if (!Number.isFinite(seconds)) throw new Error(`invalid duration ${JSON.stringify(text)}`);
  return Math.round(seconds * 1000);
}

/** Parses a number literal, optionally signed: decimal, hex, Inf, NaN, or a duration (seconds). */
export function parseNumber(text: string): number {
  let sign = 1;
  let body = text.trim();
  if (body.startsWith('-') || body.startsWith('+')) {
    if (body[0] === '-') sign = -1;
    body = body.slice(1);
  }
  const lower = body.toLowerCase();
  if (lower === 'inf') return sign * Infinity;
  if (lower === 'nan') return Number.NaN;
  if (DURATION.test(body)) return (sign * parseDuration(body)) / 1000;
  const value = Number(body.replaceAll('_', ''));
  if (body === '' || Number.isNaN(value)) throw new Error(`invalid number ${JSON.stringify(text)}`);
  return sign * value;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"' };

/** Unquotes a string literal as Go's strconv.Unquote does (backquotes are raw). */
export function parseString(text: string): string {
  const quote = text[0];
  if (text.length < 2 || text[text.length - 1] !== quote) throw new Error(`unterminated string ${text}`);
  const body = text.slice(1, -1);
  if (quote === '`') return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) throw new Error(`invalid escape in ${text}`);
    if (e in SIMPLE_ESCAPES) out += SIMPLE_ESCAPES[e];
    else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw new Error(`invalid escape \\${e}${hex} in ${text}`);
      out += String.fromCodePoint(parseInt(hex, 16));
      i += len;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct)) throw new Error(`invalid octal escape in ${text}`);
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else throw new Error(`unknown escape \\${e} in ${text}`);
  }
  return out;
}
