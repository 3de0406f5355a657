// The `foresight` command. Each subcommand lives in its own module, loaded only when used, so
// that `start` can install telemetry before anything it instruments (pg, ioredis, http) loads.
const USAGE = `usage: foresight <command> [options]

commands:
  start            start the API, /metrics and the embedded services (npm start)
  seed             seed an empty database and train every city's model
  config           print every environment variable with its default
  rules check      validate alert-rules/ (file:line: reason for each problem)
  rules export     --target prometheus|grafana --out DIR
  rules test       run promtool's unit tests in alert-rules/tests/
  rules serve      run the rules service alone (no prediction API): alert rules over the apps
                   listed in RULES_SCRAPE_TARGETS ([job=]url,...) or PROMETHEUS_URL, with
                   notifications, the alerts API on PORT and its own /metrics
  traces [<id>]    the slowest recent traces; with an id, that trace as a waterfall
  help             this text
`;

/** Subcommand name → module exporting `run(args: string[]): Promise<number>`. */
const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  start: () => import('./start.js'),
  seed: () => import('./seed.js'),
  config: () => import('./config.js'),
  rules: () => import('./rules.js'),
  traces: () => import('./traces.js'),
};

async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const load = commands[name];
  if (!load) {
    process.stdout.write(USAGE);
    return name === 'help' || name === '--help' ? 0 : 2;
  }
  return (await load()).run(rest);
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
