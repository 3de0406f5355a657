// `node dist/bench/request-log.js > /dev/null`: what the per-request log line costs, in
// process, without the noise of a load generator sharing the cores. One route answering a small
// JSON body (a cache hit's shape), through Hono, in three ways, alternating over rounds:
//   bare      no request middleware
//   window    the middleware with the line below the log level (route naming + live window)
//   logged    the middleware writing the seed-000 line (the process logger, to stdout)
// Medians of µs per request; results to stderr and bench/results/request-log.json. Run with
// stdout to /dev/null (or a file): the lines are the work measured, not something to read.
import fs from 'node:fs';
import path from 'node:path';
import { Hono } from 'hono';
import { requestLog } from '../src/api/middleware/request-log.js';
import { createLogger } from '../src/log/index.js';
import { RequestWindow } from '../src/perf/requests.js';
import { repoRoot } from '../test/helpers/spawn-server.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 20_000);
const BODY = { status: 'success', data: { city: 'berlin', values: Array.from({ length: 24 }, (_, h) => ({ hour: h, demand_mw: 512.25 })) } };

function app(kind: 'bare' | 'window' | 'logged'): Hono {
  const a = new Hono();
  if (kind !== 'bare') {
    const log = createLogger({ level: kind === 'logged' ? 'info' : 'warn', service: 'bench' });
    a.use('*', requestLog({ logger: () => log, window: new RequestWindow() }));
  }
  a.get('/api/v1/forecast/:city/:date', (c) => c.json(BODY));
  return a;
}

async function run(a: Hono): Promise<number> {
  const req = () => new Request('http://bench/api/v1/forecast/berlin/2026-01-01');
  const start = performance.now();
  for (let i = 0; i < REQUESTS; i++) await (await a.fetch(req())).arrayBuffer();
  return ((performance.now() - start) * 1000) / REQUESTS;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const apps = { bare: app('bare'), window: app('window'), logged: app('logged') };
  const us: Record<keyof typeof apps, number[]> = { bare: [], window: [], logged: [] };
  const order = Object.keys(apps) as Array<keyof typeof apps>;
  for (const a of order) await run(apps[a]); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    for (const a of [...order.slice(r % 3), ...order.slice(0, r % 3)]) us[a].push(await run(apps[a]));
  }
  const m = { bare: median(us.bare), window: median(us.window), logged: median(us.logged) };
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    rounds: ROUNDS,
    requests_per_round: REQUESTS,
    median_us_per_request: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v * 100) / 100])),
    added_us: { window: Math.round((m.window - m.bare) * 100) / 100, log_line: Math.round((m.logged - m.window) * 100) / 100 },
    samples_us: us,
  };
  process.stderr.write(`${JSON.stringify({ median_us_per_request: out.median_us_per_request, added_us: out.added_us })}\n`);
  fs.writeFileSync(path.join(repoRoot, 'bench/results/request-log.json'), JSON.stringify(out, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
