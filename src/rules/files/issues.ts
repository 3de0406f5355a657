// zod issues → RuleFileErrors at the line of the offending node, with a readable path.
import type { z } from 'zod';
import type { RuleFileError } from '../types.js';
import { keyLineAt, lineAt, type YamlSource } from './source.js';

/** `groups[0].rules[2].expr` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)), '');
}

/** Maps the issues of a schema check of the value at `base` to errors at their lines. */
export function issuesToErrors(source: YamlSource, base: ReadonlyArray<PropertyKey>, error: z.ZodError): RuleFileError[] {
  return error.issues.map((issue) => {
    const path = [...base, ...issue.path];
    const where = formatPath(path) || 'file';
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys;
      return {
        file: source.file,
        line: keyLineAt(source, path, keys[0]!),
        reason: `${where}: unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`,
      };
    }
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    const reason = missing ? `missing required key "${String(path.at(-1))}"` : issue.message;
    return { file: source.file, line: lineAt(source, path), reason: `${where}: ${reason}` };
  });
}
