// The `foresight` command. Each subcommand lives in its own module, loaded only when used, so
// that `start` can install telemetry before anything it instruments (pg, ioredis, http) loads.
const USAGE = `usage: foresight <command> [options]

commands:
  start            start the API, /metrics and the embedded services (npm start)
  seed             seed an empty database and train every city's model
  config           every environment variable: the value in effect and its source (secrets
                   masked); --markdown: the defaults as the README's table
  rules check [DIR]   validate the rule files (file:line: reason for each problem)
  rules export [DIR]  --target prometheus|grafana --out OUT
  rules test [DIR]    run promtool's unit tests in DIR/tests/ (DIR: RULES_DIR, else alert-rules/)
  rules serve      run the rules service alone (no prediction API): alert rules over the apps
                   listed in RULES_SCRAPE_TARGETS ([job=]url,...) or PROMETHEUS_URL, with
                   notifications, the alerts API on PORT and its own /metrics
  traces [<id>]    the slowest recent traces; with an id, that trace as a waterfall
  help             this text
`;

type Command = () => Promise<{ run(args: string[]): Promise<number> }>;

/** Subcommand name → module exporting `run(args)`; those that parse their own arguments. */
const commands: Record<string, Command> = {
  rules: () => import('./rules.js'),
  traces: () => import('./traces.js'),
  config: () => import('./config.js'),
};

/** Subcommands that take no arguments: configured by the environment only. */
const noArgs: Record<string, Command> = {
  start: () => import('./start.js'),
  seed: () => import('./seed.js'),
};

async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv;
  if (name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const load = commands[name] ?? noArgs[name];
  if (!load) return usageError(`unknown command "${name}"`);
  if (noArgs[name] && rest.length) {
    if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
      process.stdout.write(USAGE);
      return 0;
    }
    return usageError(`${name} takes no arguments (it is configured by environment variables: foresight config), got "${rest.join(' ')}"`);
  }
  return (await load()).run(rest);
}

function usageError(message: string): number {
  process.stderr.write(`foresight: ${message}\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`foresight: ${err.message}\n`);
    process.exitCode = 1;
  },
);
