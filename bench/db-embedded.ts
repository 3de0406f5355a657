// The embedded database's figures that tests used to assert and now only report: the latency of a
// small `pg` query to PGlite over pglite-socket (the tests once demanded < 5 ms), and the time to
// seed the required 20 cities × 90 days (once < 30 s). Rounds alternate nothing here, so each is
// given as the median of BENCH_ROUNDS (3) with the spread, on a fresh in-memory database.
// Prints the figures and writes bench/results/db-embedded.json.
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/db/index.js';
import { seedDatabase } from '../src/prediction/index.js';
import { repoRoot } from '../test/helpers/spawn-server.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 2000);
const SEED_CITIES = 20;
const SEED_DAYS = 90;
const memory = { PGLITE_DATA_DIR: 'memory://', PGLITE_PORT: 0, DB_POOL_MAX: 4, DB_STATEMENT_TIMEOUT_MS: 60_000 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** ms per sequential `SELECT $1::int` after a warm-up, on one open database. */
async function queryLatencyMs(): Promise<number> {
  const db = await openDatabase(memory);
  try {
    for (let i = 0; i < 100; i++) await db.query('warmup', 'SELECT $1::int AS v', [i]);
    const start = performance.now();
    for (let i = 0; i < QUERIES; i++) await db.query('latency', 'SELECT $1::int AS v', [i]);
    return (performance.now() - start) / QUERIES;
  } finally {
    await db.close();
  }
}

/** ms to seed the required size into a fresh database. */
async function seedMs(): Promise<number> {
  const db = await openDatabase(memory);
  try {
    const report = await seedDatabase(db, { cities: SEED_CITIES, days: SEED_DAYS, now: Date.now() });
    return report.durationMs;
  } finally {
    await db.close();
  }
}

async function main() {
  console.error(`embedded database benchmark: ${ROUNDS} rounds; ${QUERIES} queries a round; seed ${SEED_CITIES} cities × ${SEED_DAYS} days\n`);
  const latencies: number[] = [];
  const seeds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    latencies.push(await queryLatencyMs());
    seeds.push(await seedMs());
  }
  const figures = {
    query_ms_median: round3(median(latencies)),
    query_ms_min: round3(Math.min(...latencies)),
    query_ms_max: round3(Math.max(...latencies)),
    seed_ms_median: Math.round(median(seeds)),
    seed_ms_min: Math.round(Math.min(...seeds)),
    seed_ms_max: Math.round(Math.max(...seeds)),
  };
  console.table(figures);
  const out = { date: new Date().toISOString(), node: process.version, rounds: ROUNDS, queries: QUERIES, seed: { cities: SEED_CITIES, days: SEED_DAYS }, figures };
  const dir = path.join(repoRoot, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'db-embedded.json'), JSON.stringify(out, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
