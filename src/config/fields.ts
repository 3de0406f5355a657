// The parsers the variables share: one per kind of value, so a variable means the same thing to
// the API, the agent and `foresight config` (`OTEL_SDK_DISABLED=1` disables everywhere, or nowhere).
import { z } from 'zod';

/** An integer of at least `min`, `def` when unset. */
export const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

/** A TCP port (0: any free one), `def` when unset. */
export const port = (def: number) => z.coerce.number().int().min(0).max(65535).default(def);

/** `true`/`1` or `false`/`0`, in any case and spacing, as the OpenTelemetry SDK reads its booleans; `def` when unset. */
export const bool = (def: boolean) =>
  z
    .string()
    .trim()
    .pipe(z.stringbool({ truthy: ['true', '1'], falsy: ['false', '0'] }))
    .default(def);

/** `on`/`true`/`1` or `off`/`false`/`0`, in any case; `def` when unset. */
export const onOff = (def: boolean) =>
  z
    .string()
    .trim()
    .pipe(z.stringbool({ truthy: ['on', 'true', '1'], falsy: ['off', 'false', '0'] }))
    .default(def);

/** One of `values`, in any case and spacing. */
export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.string().trim().toLowerCase().pipe(z.enum(values));

/** A comma-separated list, each item trimmed, empty items dropped (`a, b,` is `['a', 'b']`). */
export const list = () =>
  z.string().transform((s) =>
    s
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

/** A number in [0, 1], `def` when unset. */
export const ratio = (def: number) => z.coerce.number<string>().min(0).max(1).default(def);

/** Milliseconds at or above which a request is slow, or `p95`: the p95 of recent ones. */
export const slowThreshold = (def: number) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.union([z.literal('p95'), z.coerce.number<string>().finite().min(0)], { error: 'a number of ms >= 0, or p95' }))
    .default(def);

/** Marks `schema` as a secret (a token, a webhook URL that is its own key): `foresight config` never shows it. */
export const secret = <T extends z.ZodType>(schema: T, description: string): T => schema.meta({ description, secret: true });

/** True when `schema` was marked with {@link secret}. */
export const isSecret = (schema: z.ZodType): boolean => schema.meta()?.secret === true;

/**
 * `key=value,key2=value2` as OTEL_EXPORTER_OTLP_HEADERS spells them: values percent-decoded,
 * keys and values trimmed; an entry without `=` or with an empty key is an error naming it.
 */
export const headerList = () =>
  z.string().transform((s, ctx) => {
    const headers: Record<string, string> = {};
    for (const entry of s.split(',')) {
      if (!entry.trim()) continue;
      const eq = entry.indexOf('=');
      const key = eq > 0 ? entry.slice(0, eq).trim() : '';
      if (!key) {
        ctx.addIssue({ code: 'custom', message: 'headers as key=value, comma-separated' });
        return z.NEVER;
      }
      try {
        headers[key] = decodeURIComponent(entry.slice(eq + 1).trim());
      } catch {
        ctx.addIssue({ code: 'custom', message: `header ${key}: a value that is not percent-encoded` });
        return z.NEVER;
      }
    }
    return headers;
  });
