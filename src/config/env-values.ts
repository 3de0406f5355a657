// How a variable's text becomes a value, one reader per kind of value, without zod: the agent
// reads its variables through these inside someone else's app, where loading zod (all of its
// locales with it) added ~11 MB of resident memory to an idle app. The schema (schema.ts) wraps
// the same readers, so a variable means the same thing to the API, the agent and
// `foresight config` (`OTEL_SDK_DISABLED=1` disables everywhere, or nowhere).

/** One variable: how its text is read, what it means, whether its value may be shown. */
export interface EnvVariable<T> {
  description: string;
  /** A token or a URL that is its own key: `foresight config` and the warnings mask it. */
  secret: boolean;
  /** The value of `text` (undefined: unset, so the default); throws an Error saying what is expected. */
  read: (text: string | undefined) => T;
}

/** A reader of a set variable's text; throws an Error saying what is expected. */
export type ValueReader<T> = (text: string) => T;

/** `reader`, with `fallback` for an unset variable (undefined for none). */
export const orDefault =
  <T, D extends T | undefined>(reader: ValueReader<T>, fallback: D) =>
  (text: string | undefined): T | D =>
    text === undefined ? fallback : reader(text);

/** A variable read by `reader`, `fallback` when unset (undefined for none). */
export function envVariable<T, D extends T | undefined>(reader: ValueReader<T>, fallback: D, description: string, secret = false): EnvVariable<T | D> {
  return { description, secret, read: orDefault(reader, fallback) };
}

/** A number as `Number()` reads it (`' 12 '`, `1e3`), finite, in [min, max]. */
export const decimal =
  (min = -Infinity, max = Infinity): ValueReader<number> =>
  (text) => {
    const n = Number(text);
    if (!Number.isFinite(n)) throw new Error('expected a number');
    if (n < min || n > max) throw new Error(`expected a number ${max === Infinity ? `>= ${min}` : `from ${min} to ${max}`}`);
    return n;
  };

/** An integer in [min, max]. */
export const integer =
  (min = 0, max = Number.MAX_SAFE_INTEGER): ValueReader<number> =>
  (text) => {
    const n = Number(text);
    if (!Number.isSafeInteger(n)) throw new Error('expected an integer');
    if (n < min || n > max) throw new Error(`expected an integer ${max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`}`);
    return n;
  };

/** A TCP port (0: any free one). */
export const tcpPort: ValueReader<number> = integer(0, 65535);

const isOneOf = <T extends readonly string[]>(values: T, value: string): value is T[number] => values.includes(value);

/** One of `values`, in any case and spacing. */
export const oneOf =
  <const T extends readonly string[]>(values: T): ValueReader<T[number]> =>
  (text) => {
    const value = text.trim().toLowerCase();
    if (!isOneOf(values, value)) throw new Error(`expected one of ${values.join(', ')}`);
    return value;
  };

/** A boolean spelled as one of `truthy` or `falsy`, in any case and spacing. */
export const boolean = (truthy: readonly string[], falsy: readonly string[]): ValueReader<boolean> => {
  const spelling = oneOf([...truthy, ...falsy]);
  return (text) => truthy.includes(spelling(text));
};

/** `true`/`1` or `false`/`0`, as the OpenTelemetry SDK reads its booleans. */
export const trueFalse: ValueReader<boolean> = boolean(['true', '1'], ['false', '0']);

/** `on`/`true`/`1` or `off`/`false`/`0`. */
export const onOff: ValueReader<boolean> = boolean(['on', 'true', '1'], ['off', 'false', '0']);

/** The text as it is. */
export const text: ValueReader<string> = (t) => t;

/** A comma-separated list, each item trimmed, empty items dropped (`a, b,` is `['a', 'b']`). */
export const list: ValueReader<string[]> = (t) =>
  t
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Milliseconds at or above which a request is slow, or `p95`: the p95 of recent ones. */
export const slowThreshold: ValueReader<number | 'p95'> = (t) => {
  const value = t.trim().toLowerCase();
  if (value === 'p95') return value;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) throw new Error('a number of ms >= 0, or p95');
  return ms;
};

/**
 * `key=value,key2=value2` as OTEL_EXPORTER_OTLP_HEADERS spells them: values percent-decoded,
 * keys and values trimmed; an entry without `=` or with an empty key is an error naming it.
 */
export const headerList: ValueReader<Record<string, string>> = (t) => {
  const headers: Record<string, string> = {};
  for (const entry of t.split(',')) {
    if (!entry.trim()) continue;
    const eq = entry.indexOf('=');
    const key = eq > 0 ? entry.slice(0, eq).trim() : '';
    if (!key) throw new Error('headers as key=value, comma-separated');
    try {
      headers[key] = decodeURIComponent(entry.slice(eq + 1).trim());
    } catch {
      throw new Error(`header ${key}: a value that is not percent-encoded`);
    }
  }
  return headers;
};
