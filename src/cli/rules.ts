// `foresight rules check|export|test|serve`: the rule files' CI. `check` prints every problem as
// file:line: reason; `export` writes Prometheus or Grafana files; `test` runs promtool's unit
// tests of alert-rules/tests against the exported rules. `serve` runs the rules service alone
// (rules-serve.ts); it is dispatched before anything else loads, so that its telemetry comes
// first, and it takes only its own options.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { LoadResult } from '../rules/files/index.js';

const USAGE = `usage: foresight rules <command> [options]

commands:
  check                       load and check the rule files; print each problem as file:line: reason
  export --target T --out DIR write prometheus (foresight-rules.yml) or grafana provisioning files
  test                        export, then run \`promtool test rules\` on the tests (exit code = promtool's)
  serve [--dir DIR]           run the rules service alone, watching RULES_SCRAPE_TARGETS or PROMETHEUS_URL
                              (foresight rules serve --help)

options:
  --dir DIR        rule directory (default: FORESIGHT_RULES_DIR, ./alert-rules, or the package's)
  --tests DIR      promtool tests (default: <dir>/tests)
  --datasource UID Grafana: Prometheus data source UID (default prometheus)
  --webhook URL    Grafana: the rules service's webhook URL
  --alertmanager URL  Grafana: also notify this Alertmanager
`;

/** Runs `foresight rules <args>`; resolves with the exit code. */
export async function run(args: string[]): Promise<number> {
  if (args[0] === 'serve') return (await import('./rules-serve.js')).run(args.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        dir: { type: 'string' },
        tests: { type: 'string' },
        target: { type: 'string' },
        out: { type: 'string' },
        datasource: { type: 'string' },
        webhook: { type: 'string' },
        alertmanager: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    process.stderr.write(`foresight rules: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const dir = values.dir ?? (await defaultRulesDir());
  switch (command) {
    case 'check': {
      const result = await load(dir);
      if (!result.ok) return 1;
      const alerts = result.ruleSet.groups.flatMap((g) => g.rules).filter((r) => r.kind === 'alert').length;
      process.stdout.write(`${dir}: OK, version ${result.ruleSet.version}, ${result.ruleSet.groups.length} groups, ${alerts} alerting rules, ${result.ruleSet.recommendations.length} recommendations\n`);
      return 0;
    }
    case 'export': {
      if (values.target !== 'prometheus' && values.target !== 'grafana') return usageError('--target must be prometheus or grafana');
      if (!values.out) return usageError('--out DIR is required');
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
    case 'test': {
      const result = await load(dir);
      if (!result.ok) return 1;
      const { listTestFiles, promtoolTest } = await import('../rules/export/index.js');
      const tests = await listTestFiles(values.tests ?? path.join(dir, 'tests'));
      if (tests.length === 0) return usageError(`no promtool tests in ${values.tests ?? path.join(dir, 'tests')}`);
      return (await promtoolTest(result.ruleSet, tests)).code;
    }
    default:
      return usageError(`unknown command "${command}"`);
  }
}

async function load(dir: string): Promise<LoadResult> {
  const { loadRuleFiles } = await import('../rules/files/index.js');
  const result = await loadRuleFiles(dir);
  if (!result.ok) for (const e of result.errors) process.stderr.write(`${e.file}:${e.line}: ${e.reason}\n`);
  return result;
}

function usageError(message: string): number {
  process.stderr.write(`foresight rules: ${message}\n${USAGE}`);
  return 2;
}

/** FORESIGHT_RULES_DIR, else ./alert-rules when it exists, else the one shipped in the package. */
export async function defaultRulesDir(): Promise<string> {
  if (process.env.FORESIGHT_RULES_DIR) return process.env.FORESIGHT_RULES_DIR;
  const local = 'alert-rules';
  if (await fs.stat(local).then((s) => s.isDirectory(), () => false)) return local;
  // dist/src/cli/rules.js → package root.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../alert-rules');
}
