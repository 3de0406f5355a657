// The README's configuration table, generated from the schema (`foresight config --markdown` prints it).
import { envSchema } from './schema.js';

type Described = { description?: string; def?: { defaultValue?: unknown; innerType?: Described['def'] } };

function defaultOf(field: unknown): string {
  // zod 4 keeps the default on the ZodDefault wrapper, possibly under a pipe/transform.
  const parsed = envSchema.shape[field as keyof typeof envSchema.shape].safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return '(unset)';
  const value = parsed.data;
  // Lists print as their variable spells them (`a,b`); a record (headers) has no default to print.
  const shown = Array.isArray(value) ? value.join(',') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return `\`${shown}\``;
}

/** A Markdown table: variable, default, meaning — one row per variable of {@link envSchema}. */
export function envMarkdownTable(): string {
  const rows = Object.entries(envSchema.shape).map(([name, field]) => {
    const meaning = (field as unknown as Described).description ?? '';
    return `| \`${name}\` | ${defaultOf(name)} | ${meaning} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
