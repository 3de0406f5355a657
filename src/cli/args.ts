// Argument parsing shared by the subcommands: node's parseArgs in strict mode, so an unknown
// option or one positional too many is a usage error (exit 2) with the usage text, never ignored.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What {@link parseCommand} returns: the parsed arguments, or the exit code of a usage error. */
export type Parsed<O extends Options> = { values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values']; positionals: string[] } | number;

/**
 * Parses `args` of `foresight <command>` with `options` and at most `maxPositionals` positionals;
 * a usage error is written to stderr with `usage` and returned as exit code 2.
 */
export function parseCommand<O extends Options>(command: string, usage: string, args: string[], options: O, maxPositionals: number): Parsed<O> {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (positionals.length > maxPositionals) {
      throw new Error(`unexpected argument "${positionals[maxPositionals]}"`);
    }
    return { values, positionals };
  } catch (err) {
    return usageError(command, usage, (err as Error).message);
  }
}

/** Writes `foresight <command>: message` and the usage to stderr; returns exit code 2. */
export function usageError(command: string, usage: string, message: string): number {
  process.stderr.write(`foresight ${command}: ${message}\n${usage}`);
  return 2;
}
