// Options of `npm run bench:agent`, from argv first, then BENCH_* variables, then defaults.
// Unknown arguments and invalid values are an error with a precise message, never ignored.
import { parseArgs } from 'node:util';
import { APP_NAMES, type AppName } from './apps.js';

/** What one run of the agent benchmark does. */
export interface AgentBenchOptions {
  /** Load rounds; each runs every contender of every app once, in a rotated order. */
  rounds: number;
  /** Measured seconds of one load run. */
  seconds: number;
  /** Unmeasured warm-up seconds before each load run. */
  warmupSeconds: number;
  /** Connections of the load generator. */
  connections: number;
  /** Start-ups per contender and app for the start-up time and idle RSS medians. */
  starts: number;
  /** Idle seconds after `listening` before VmRSS is read. */
  idleSeconds: number;
  /** Apps to measure. */
  apps: AppName[];
}

export const USAGE = `usage: node dist/bench/agent.js [options]
  --rounds N       load rounds (BENCH_ROUNDS, default 5)
  --seconds N      measured seconds per load run (BENCH_SECONDS, default 5)
  --warmup N       warm-up seconds before each load run (BENCH_WARMUP, default 1)
  --connections N  load generator connections (BENCH_CONNECTIONS, default 50)
  --starts N       start-ups per contender for start-up time and idle RSS (BENCH_STARTS, default 5)
  --idle N         idle seconds before reading RSS (BENCH_IDLE, default 2)
  --apps a,b       apps to measure (BENCH_APPS, default ${APP_NAMES.join(',')})
  --help           this text`;

const numeric = {
  rounds: { flag: 'rounds', env: 'BENCH_ROUNDS', fallback: 5, min: 1 },
  seconds: { flag: 'seconds', env: 'BENCH_SECONDS', fallback: 5, min: 1 },
  warmupSeconds: { flag: 'warmup', env: 'BENCH_WARMUP', fallback: 1, min: 0 },
  connections: { flag: 'connections', env: 'BENCH_CONNECTIONS', fallback: 50, min: 1 },
  starts: { flag: 'starts', env: 'BENCH_STARTS', fallback: 5, min: 1 },
  idleSeconds: { flag: 'idle', env: 'BENCH_IDLE', fallback: 2, min: 0 },
} as const;

function integer(raw: string | undefined, source: string, fallback: number, min: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${source} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

export function appList(raw: string | undefined, source: string): AppName[] {
  if (raw === undefined || raw === '') return [...APP_NAMES];
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) {
    if (!(APP_NAMES as readonly string[]).includes(name)) throw new RangeError(`${source}: unknown app "${name}" (known: ${APP_NAMES.join(', ')})`);
  }
  if (names.length === 0) throw new RangeError(`${source} names no app`);
  return [...new Set(names)] as AppName[];
}

/** Parses `argv` (without node and script) and `env`; returns undefined when --help was asked. */
export function parseAgentBenchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): AgentBenchOptions | undefined {
  const strings = Object.fromEntries(Object.values(numeric).map((o) => [o.flag, { type: 'string' as const }]));
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: { ...strings, apps: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return undefined;
  const flags = values as Record<string, string | boolean | undefined>;
  const read = (key: keyof typeof numeric) => {
    const o = numeric[key];
    const flag = flags[o.flag] as string | undefined;
    return flag !== undefined ? integer(flag, `--${o.flag}`, o.fallback, o.min) : integer(env[o.env], o.env, o.fallback, o.min);
  };
  return {
    rounds: read('rounds'),
    seconds: read('seconds'),
    warmupSeconds: read('warmupSeconds'),
    connections: read('connections'),
    starts: read('starts'),
    idleSeconds: read('idleSeconds'),
    apps: values.apps !== undefined ? appList(values.apps, '--apps') : appList(env.BENCH_APPS, 'BENCH_APPS'),
  };
}
