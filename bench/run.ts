// `npm run bench`: load benchmarks of the prediction API on this machine, every figure from one
// run so ratios compare like with like. Each scenario gets its own fresh server process.
// Prints a table, the ratios and the goal checks, and writes bench/results/latest.json (and a
// dated copy); bench/compare.ts then sets the figures against the committed baseline.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../test/helpers/spawn-server.js';
import { alternatingHits, alternatingMisses, batchMisses, type LoadShape } from './lib/api-scenarios.js';
import type { LoadResult } from './lib/load.js';

/** A scenario's figures; the miss scenarios add the server's CPU per prediction, the hits per request. */
type Result = LoadResult & { cpu_ms_per_prediction?: number; cpu_ms_per_request?: number };

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Connections of the many-clients miss scenarios (issue 10: batching must pay at 256). */
const MANY = Number(process.env.BENCH_MANY_CONNECTIONS ?? 256);
/** Items per POST /api/v1/predict/batch, and clients sending them. */
const BATCH_ITEMS = Number(process.env.BENCH_BATCH_ITEMS ?? 100);
const BATCH_CONNECTIONS = Number(process.env.BENCH_BATCH_CONNECTIONS ?? 4);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const base: LoadShape = { seconds: SECONDS, connections: CONNECTIONS };
const many: LoadShape = { seconds: SECONDS, connections: MANY };
const on = { BATCH_ENABLED: 'true' };
const off = { BATCH_ENABLED: 'false' };

const one = (run: () => Promise<Result>) => async () => [await run()];

/**
 * The scenarios by stable ids (the baseline's figures are named after them), in groups run
 * together: batching on and off are loaded in alternating rounds on servers started side by
 * side, so their ratio survives a machine whose other load changes during the run.
 */
const GROUPS: Array<{ ids: string[]; run: () => Promise<Result[]> }> = [
  {
    ids: ['hits', 'hits_bare', 'hits_unlogged'],
    run: () =>
      alternatingHits(
        ['a. forecast cache hits', 'd. cache hits, telemetry off', 'e. cache hits, request log off'],
        [{}, { OTEL_SDK_DISABLED: 'true' }, { LOG_LEVEL: 'warn' }],
        base,
        ROUNDS,
      ),
  },
  { ids: ['miss_on', 'miss_off'], run: () => alternatingMisses(['b. misses, batching on', 'c. misses, batching off'], [on, off], base, ROUNDS) },
  {
    ids: ['miss_many_on', 'miss_many_off'],
    run: () => alternatingMisses([`f. misses, ${MANY} conns, batching on`, `g. misses, ${MANY} conns, batching off`], [on, off], many, ROUNDS),
  },
  { ids: ['predict_batch'], run: one(() => batchMisses(`h. batch of ${BATCH_ITEMS}, ${BATCH_CONNECTIONS} conns`, { seconds: SECONDS, connections: BATCH_CONNECTIONS }, BATCH_ITEMS, on)) },
];

/** BENCH_SCENARIOS=id,id runs the groups holding those ids (a short check of one change). */
function selected(): typeof GROUPS {
  const raw = process.env.BENCH_SCENARIOS;
  if (!raw) return GROUPS;
  const ids = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const known = GROUPS.flatMap((g) => g.ids);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0 || ids.length === 0) throw new RangeError(`BENCH_SCENARIOS: unknown scenario "${unknown.join(', ')}" (known: ${known.join(', ')})`);
  return GROUPS.filter((g) => g.ids.some((id) => ids.includes(id)));
}

const round = (v: number) => Math.round(v * 100) / 100;

function ratiosOf(by: Map<string, Result>): Record<string, number> {
  const ratio = (name: string, a: string, b: string, f: (x: Result, y: Result) => number) => {
    const x = by.get(a);
    const y = by.get(b);
    return x && y ? [[name, round(f(x, y))] as const] : [];
  };
  const rps = (x: Result, y: Result) => x.rps / Math.max(y.rps, 1);
  // CPU per prediction off / on: what the rate ratio would be on a machine with nothing else to do.
  const cpu = (x: Result, y: Result) => (y.cpu_ms_per_prediction ?? Number.NaN) / (x.cpu_ms_per_prediction ?? Number.NaN);
  return Object.fromEntries([
    ...ratio('request_log_throughput_kept', 'hits', 'hits_unlogged', rps),
    ...ratio('telemetry_throughput_kept', 'hits', 'hits_bare', rps),
    ...ratio('telemetry_p99_ratio', 'hits', 'hits_bare', (x, y) => x.p99_ms / Math.max(y.p99_ms, 0.01)),
    // CPU per request bare / with telemetry: the share kept with nothing else on the machine.
    ...ratio('telemetry_cpu_kept', 'hits', 'hits_bare', (x, y) => (y.cpu_ms_per_request ?? Number.NaN) / (x.cpu_ms_per_request ?? Number.NaN)),
    ...ratio('request_log_cpu_kept', 'hits', 'hits_unlogged', (x, y) => (y.cpu_ms_per_request ?? Number.NaN) / (x.cpu_ms_per_request ?? Number.NaN)),
    ...ratio('batching_speedup', 'miss_on', 'miss_off', rps),
    ...ratio(`batching_speedup_${MANY}`, 'miss_many_on', 'miss_many_off', rps),
    ...ratio('batching_cpu_saving', 'miss_on', 'miss_off', cpu),
    ...ratio(`batching_cpu_saving_${MANY}`, 'miss_many_on', 'miss_many_off', cpu),
  ]);
}

/** Issue 10 goal 3 and seed 001's targets, each judged when its scenarios ran. */
function goalsOf(by: Map<string, Result>, ratios: Record<string, number>) {
  const goals: Array<{ goal: string; value: number; met: boolean }> = [];
  const hits = by.get('hits');
  if (hits) {
    const met = hits.rps >= 1000 && hits.p95_ms < 200 && hits.error_rate_pct < 0.1;
    goals.push({ goal: 'seed 001: cache hits >= 1000 req/s, p95 < 200 ms, errors < 0.1% (req/s)', value: hits.rps, met });
    goals.push({ goal: 'issue 10: cache hits >= 10000 req/s with full telemetry', value: hits.rps, met: hits.rps >= 10_000 });
    goals.push({ goal: `issue 10: cache hits p99 < 25 ms (${CONNECTIONS} connections)`, value: hits.p99_ms, met: hits.p99_ms < 25 });
  }
  const kept = ratios.telemetry_throughput_kept;
  if (kept !== undefined) goals.push({ goal: 'issue 10: cache hits with telemetry >= 0.85 of telemetry off (req/s)', value: kept, met: kept >= 0.85 });
  const speedup = ratios[`batching_speedup_${MANY}`];
  if (speedup !== undefined) goals.push({ goal: `misses at ${MANY} connections: batching on >= 3x off`, value: speedup, met: speedup >= 3 });
  const single = by.get('miss_on');
  if (single) goals.push({ goal: `single POST /api/v1/predict p95 < 50 ms (${CONNECTIONS} connections, misses)`, value: single.p95_ms, met: single.p95_ms < 50 });
  const batch = by.get('predict_batch');
  if (batch) goals.push({ goal: `POST /api/v1/predict/batch of ${BATCH_ITEMS} p95 < 100 ms (${BATCH_CONNECTIONS} connections)`, value: batch.p95_ms, met: batch.p95_ms < 100 });
  return goals;
}

async function main() {
  const groups = selected();
  const ids = groups.flatMap((g) => g.ids);
  console.error(`benchmark: ${SECONDS}s per scenario (${ROUNDS} alternating rounds each for a/d/e, b/c and f/g), ${CONNECTIONS} connections (${MANY} for f/g), 2-core machine; ${ids.join(', ')}\n`);
  const by = new Map<string, Result>();
  for (const group of groups) (await group.run()).forEach((result, i) => by.set(group.ids[i]!, result));
  const results = ids.map((id) => ({ id, ...by.get(id)! }));
  const ratios = ratiosOf(by);
  const goals = goalsOf(by, ratios);
  console.table(results);
  console.log('ratios:', ratios);
  for (const g of goals) console.log(`${g.goal}: ${g.value} ${g.met ? 'met' : 'NOT met'}`);
  const out = { date: new Date().toISOString(), seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, node: process.version, results, ratios, goals };
  const dir = path.join(repoRoot, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, `api-${out.date.slice(0, 10)}.json`), JSON.stringify(out, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
