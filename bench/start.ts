// Start-up of `npm start` on an installed checkout (issue 10, goal 4): from the spawn of
// `npm start` (its prestart build check included) until /readyz answers 200, on an empty data
// directory (seed of the shipped 20 cities × 120 days and training included) and again on the
// directory that start left seeded. `--rounds` rounds of one empty and one seeded start; medians.
// Prints the figures and the goal checks, writes bench/results/start.json.
// Run: `npm run build && node dist/bench/start.js [--rounds 3]`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../test/helpers/spawn-server.js';
import { freePort } from '../test/helpers/ports.js';

const { values: args } = parseArgs({ options: { rounds: { type: 'string' } } });
const ROUNDS = Number(args.rounds ?? process.env.BENCH_START_ROUNDS ?? 3);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new RangeError(`--rounds must be an integer >= 1, got ${args.rounds ?? process.env.BENCH_START_ROUNDS}`);
const TIMEOUT_MS = 120_000;
const GOALS = { empty: 15_000, seeded: 5_000 } as const;

/** Milliseconds from the spawn of `npm start` on `dataDir` until /readyz is 200; stops it after. */
async function timeStart(dataDir: string): Promise<number> {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const started = performance.now();
  // Its own process group: npm, the prestart check and the server are stopped together.
  const child = spawn('npm', ['start', '--silent'], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      PGLITE_DATA_DIR: dataDir,
      LOG_FILE: '',
      LOG_LEVEL: 'warn',
    },
  });
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}: ${errors}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`not ready after ${TIMEOUT_MS} ms: ${errors}`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (ready) return Math.round(performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await exited;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function main() {
  const samples = { empty: [] as number[], seeded: [] as number[] };
  for (let round = 1; round <= ROUNDS; round++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-start-'));
    try {
      samples.empty.push(await timeStart(path.join(dir, 'pglite')));
      samples.seeded.push(await timeStart(path.join(dir, 'pglite')));
      console.error(`round ${round}/${ROUNDS}: empty ${samples.empty.at(-1)} ms, seeded ${samples.seeded.at(-1)} ms`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const medians = { empty_ms: median(samples.empty), seeded_ms: median(samples.seeded) };
  const goals = [
    { goal: `npm start to /readyz on an empty database < ${GOALS.empty} ms`, value: medians.empty_ms, met: medians.empty_ms < GOALS.empty },
    { goal: `npm start to /readyz on a seeded database < ${GOALS.seeded} ms`, value: medians.seeded_ms, met: medians.seeded_ms < GOALS.seeded },
  ];
  console.table({ ...medians });
  for (const g of goals) console.log(`${g.goal}: ${g.value} ${g.met ? 'met' : 'NOT met'}`);
  const out = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rounds: ROUNDS, samples, ...medians, goals };
  const file = path.join(repoRoot, 'bench/results/start.json');
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`written ${path.relative(repoRoot, file)}`);
}

await main();
