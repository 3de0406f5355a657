// `foresight rules check|export|test|serve`: the rule files' CI. `check` prints every problem as
// file:line: reason; `export` writes Prometheus or Grafana files; `test` runs promtool's unit
// tests of alert-rules/tests against the exported rules. `serve` runs the rules service alone
// (rules-serve.ts); it is dispatched before anything else loads, so that its telemetry comes
// first, and it takes only its own options.
import fs from 'node:fs/promises';
import path from 'node:path';
import { envSchema } from '../config/index.js';
import { packageRoot } from '../db/package-root.js';
import type { LoadResult } from '../rules/files/index.js';
import { parseCommand, usageError } from './args.js';

const USAGE = `usage: foresight rules <command> [DIR] [options]

commands:
  check [DIR]                       load and check the rule files; print each problem as file:line: reason
  export [DIR] --target T --out OUT write prometheus (foresight-rules.yml) or grafana provisioning files
  test [DIR]                        export, then run \`promtool test rules\` on the tests (exit code = promtool's)
  serve                             run the rules service alone, watching RULES_SCRAPE_TARGETS or PROMETHEUS_URL
                                    (foresight rules serve --help)

DIR is the rule directory (default: RULES_DIR, else ./alert-rules, else the package's).
\`test\` runs the promtool named by PROMTOOL, else the one on PATH.

options:
  --tests DIR         test: promtool tests (default: DIR/tests)
  --target T          export: prometheus or grafana
  --out OUT           export: where to write
  --datasource UID    export grafana: Prometheus data source UID (default prometheus)
  --webhook URL       export grafana: the rules service's webhook URL
  --alertmanager URL  export grafana: also notify this Alertmanager
`;

const OPTIONS = {
  tests: { type: 'string' },
  target: { type: 'string' },
  out: { type: 'string' },
  datasource: { type: 'string' },
  webhook: { type: 'string' },
  alertmanager: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

// Options each command takes, beyond --help: any other is a usage error, never ignored.
const ACCEPTS: Record<string, ReadonlyArray<keyof typeof OPTIONS>> = {
  check: [],
  export: ['target', 'out', 'datasource', 'webhook', 'alertmanager'],
  test: ['tests'],
};

/** Runs `foresight rules <args>`; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  if (args[0] === 'serve') return (await import('./rules-serve.js')).run(args.slice(1));
  const parsed = parseCommand('rules', USAGE, args, OPTIONS, 2);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [command, dirArg] = positionals;
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (!command) return usageError('rules', USAGE, 'a command is required');
  const accepted = ACCEPTS[command];
  if (!accepted) return usageError('rules', USAGE, `unknown command "${command}"`);
  const foreign = Object.keys(values).find((k) => k !== 'help' && !accepted.includes(k as keyof typeof OPTIONS));
  if (foreign) return usageError('rules', USAGE, `${command} takes no --${foreign}`);
  const dir = dirArg ?? (await defaultRulesDir());
  switch (command) {
    case 'check': {
      const result = await load(dir);
      if (!result.ok) return 1;
      const alerts = result.ruleSet.groups.flatMap((g) => g.rules).filter((r) => r.kind === 'alert').length;
      process.stdout.write(`${dir}: OK, version ${result.ruleSet.version}, ${result.ruleSet.groups.length} groups, ${alerts} alerting rules, ${result.ruleSet.recommendations.length} recommendations\n`);
      return 0;
    }
    case 'export': {
      if (values.target !== 'prometheus' && values.target !== 'grafana') return usageError('rules', USAGE, '--target must be prometheus or grafana');
      if (!values.out) return usageError('rules', USAGE, '--out OUT is required');
      const result = await load(dir);
      if (!result.ok) return 1;
      const { exportGrafana, exportPrometheus } = await import('../rules/export/index.js');
      const files =
        values.target === 'prometheus'
          ? exportPrometheus(result.ruleSet)
          : exportGrafana(result.ruleSet, { datasourceUid: values.datasource, webhookUrl: values.webhook, alertmanagerUrl: values.alertmanager });
      await fs.mkdir(values.out, { recursive: true });
      for (const [name, text] of Object.entries(files)) {
        await fs.writeFile(path.join(values.out, name), text);
        process.stdout.write(`wrote ${path.join(values.out, name)}\n`);
      }
      return 0;
    }
    default: {
      const result = await load(dir);
      if (!result.ok) return 1;
      const { listTestFiles, promtoolTest } = await import('../rules/export/index.js');
      const testDir = values.tests ?? path.join(dir, 'tests');
      const tests = await listTestFiles(testDir);
      if (tests.length === 0) return usageError('rules', USAGE, `no promtool tests in ${testDir}`);
      const { PROMTOOL } = envSchema.pick({ PROMTOOL: true }).parse(process.env);
      return (await promtoolTest(result.ruleSet, tests, { promtool: PROMTOOL })).code;
    }
  }
}

async function load(dir: string): Promise<LoadResult> {
  const { loadRuleFiles } = await import('../rules/files/index.js');
  const result = await loadRuleFiles(dir);
  if (!result.ok) for (const e of result.errors) process.stderr.write(`${e.file}:${e.line}: ${e.reason}\n`);
  return result;
}

/** RULES_DIR (as the server reads it), else ./alert-rules when it exists, else the package's. */
export async function defaultRulesDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { RULES_DIR } = envSchema.pick({ RULES_DIR: true }).parse(env);
  if (RULES_DIR) return RULES_DIR;
  const local = 'alert-rules';
  if (await fs.stat(local).then((s) => s.isDirectory(), () => false)) return local;
  return path.join(packageRoot(), 'alert-rules');
}
