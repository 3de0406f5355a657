// `foresight config`: prints every environment variable with its default, as the README shows it.
import { envMarkdownTable } from '../config/markdown.js';

/** Prints the configuration table. */
export async function run(): Promise<number> {
  process.stdout.write(envMarkdownTable() + '\n');
  return 0;
}
