// `foresight config`: every environment variable with the value in effect and where it came from
// (secrets masked); `--markdown` prints the defaults as the README's table instead.
import { effectiveConfig } from '../config/effective.js';
import { envMarkdownTable } from '../config/markdown.js';
import { parseCommand } from './args.js';

const USAGE = `usage: foresight config [--markdown]

  prints every variable, the value in effect and its source (environment or default), secrets
  masked; exit 1 when a value would stop \`foresight start\`
  --markdown       the defaults as a Markdown table (the README's configuration section)
`;

const OPTIONS = {
  markdown: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The variables as aligned columns, each problem under its variable. */
function render(rows: ReturnType<typeof effectiveConfig>): string {
  const width = (pick: (r: (typeof rows)[number]) => string) => Math.max(...rows.map((r) => pick(r).length));
  const [nameWidth, valueWidth] = [width((r) => r.variable), Math.min(60, width((r) => r.value))];
  const lines = [`${'variable'.padEnd(nameWidth)}  ${'value'.padEnd(valueWidth)}  source`];
  for (const r of rows) {
    lines.push(`${r.variable.padEnd(nameWidth)}  ${r.value.padEnd(valueWidth)}  ${r.source}`);
    if (r.problem) lines.push(`${' '.repeat(nameWidth)}  ${r.refused ? 'invalid' : 'ignored'}: ${r.problem}`);
  }
  return lines.join('\n') + '\n';
}

/** Prints the configuration in effect (or the README table); exit 1 when a service variable is invalid. */
export async function run(args: string[]): Promise<number> {
  const parsed = parseCommand('config', USAGE, args, OPTIONS, 0);
  if (typeof parsed === 'number') return parsed;
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.values.markdown) {
    process.stdout.write(envMarkdownTable() + '\n');
    return 0;
  }
  const rows = effectiveConfig(process.env);
  process.stdout.write(render(rows));
  return rows.some((r) => r.refused) ? 1 : 0;
}
