// `npm run bench`: load benchmarks of the prediction API on this machine, every figure from one
// run so ratios compare like with like. Each scenario gets its own fresh server process.
// Prints a table and writes bench/results/latest.json (and a dated copy).
import fs from 'node:fs';
import path from 'node:path';
import { spawnServer, repoRoot, type SpawnedServer } from '../test/helpers/spawn-server.js';
import { runLoad, type LoadResult } from './lib/load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const day = new Date().toISOString().slice(0, 10);

function peakRssMb(server: SpawnedServer): () => number {
  return () => {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  };
}

async function cities(server: SpawnedServer): Promise<string[]> {
  const body = (await (await fetch(`${server.url}/api/v1/cities`)).json()) as { data: { cities: Array<{ slug: string }> } };
  return body.data.cities.map((c) => c.slug);
}

/**
 * Cache hits: the forecast of every city for today, warmed first, requested round-robin. At the
 * shipped LOG_LEVEL (info) every request writes its seed-000 log line; `warn` leaves it out.
 */
async function cacheHits(scenario: string, env: Record<string, string>): Promise<LoadResult> {
  const server = await spawnServer({ LOG_LEVEL: 'info', ...env });
  try {
    const paths = (await cities(server)).map((c) => `/api/v1/forecast/${c}/${day}`);
    for (const p of paths) await fetch(server.url + p);
    let i = 0;
    return await runLoad({
      scenario, url: server.url, connections: CONNECTIONS, seconds: SECONDS, peakRssMb: peakRssMb(server),
      request: () => ({ method: 'GET', path: paths[i++ % paths.length]! }),
    });
  } finally {
    await server.stop();
  }
}

/** Cache misses: every request a new (city, second) key, so each needs a weather query and inference. */
async function cacheMisses(scenario: string, env: Record<string, string>): Promise<LoadResult> {
  const server = await spawnServer({ LOG_LEVEL: 'warn', ...env });
  try {
    const slugs = await cities(server);
    const start = Date.parse(`${day}T00:00:00Z`);
    let i = 0;
    return await runLoad({
      scenario, url: server.url, connections: CONNECTIONS, seconds: SECONDS, peakRssMb: peakRssMb(server),
      request: () => {
        const n = i++;
        const timestamp = new Date(start + (n % 86_400) * 1000 + Math.floor(n / 86_400)).toISOString();
        return { method: 'POST', path: '/api/v1/predict', body: JSON.stringify({ city: slugs[n % slugs.length], timestamp }) };
      },
    });
  } finally {
    await server.stop();
  }
}

async function main() {
  console.error(`benchmark: ${SECONDS}s per scenario, ${CONNECTIONS} connections, 2-core machine\n`);
  const results = [
    await cacheHits('a. forecast cache hits', {}),
    await cacheMisses('b. misses, batching on', { BATCH_ENABLED: 'true' }),
    await cacheMisses('c. misses, batching off', { BATCH_ENABLED: 'false' }),
    await cacheHits('d. cache hits, telemetry off', { OTEL_SDK_DISABLED: 'true' }),
    await cacheHits('e. cache hits, request log off', { LOG_LEVEL: 'warn' }),
  ];
  const [hits, , , bare, unlogged] = results as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
  const ratios = {
    request_log_throughput_kept: round(hits.rps / unlogged.rps),
    telemetry_throughput_kept: round(hits.rps / bare.rps),
    telemetry_p99_ratio: round(hits.p99_ms / Math.max(bare.p99_ms, 0.01)),
    batching_speedup: round(results[1]!.rps / results[2]!.rps),
  };
  console.table(results);
  console.log('ratios:', ratios);
  const target = { rps: 1000, p95_ms: 200, error_rate_pct: 0.1 };
  const meets = hits.rps >= target.rps && hits.p95_ms < target.p95_ms && hits.error_rate_pct < target.error_rate_pct;
  console.log(`seed 001 target (>= ${target.rps} req/s, p95 < ${target.p95_ms} ms, errors < ${target.error_rate_pct}%) on the cache-hit path: ${meets ? 'met' : 'NOT met'}`);
  const out = { date: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, node: process.version, results, ratios, target, meets };
  const dir = path.join(repoRoot, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(out, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, `api-${out.date.slice(0, 10)}.json`), JSON.stringify(out, null, 2) + '\n');
}

const round = (v: number) => Math.round(v * 100) / 100;

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
