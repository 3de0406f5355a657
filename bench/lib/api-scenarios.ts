// The load scenarios of `npm run bench` against a fresh `foresight start` each: cache hits,
// cache misses through POST /api/v1/predict, and misses through POST /api/v1/predict/batch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnServer, type SpawnedServer } from '../../test/helpers/spawn-server.js';
import { runGetCycle, runLoad, type LoadResult } from './load.js';
import { procMemoryMb } from './proc.js';

/** How long and how hard one scenario loads its server. */
export interface LoadShape {
  seconds: number;
  connections: number;
}

const day = new Date().toISOString().slice(0, 10);

/** Reads `server`'s peak RSS (VmHWM) in MB. */
export function peakRssMb(server: SpawnedServer): () => number {
  return () => Math.round(procMemoryMb(server.child.pid, 'VmHWM'));
}

/** CPU time (user + system, ms) the server process has used so far. */
function cpuMs(server: SpawnedServer): number {
  const fields = fs.readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime, fields 14 and 15 of proc(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

// Requests still queued when a load run stops keep its server busy; the next run, on this or
// another server of the same machine, must not pay for them.
async function settle(server: SpawnedServer, maxMs = 10_000): Promise<void> {
  const until = Date.now() + maxMs;
  for (;;) {
    const before = cpuMs(server);
    await new Promise((r) => setTimeout(r, 250));
    if (cpuMs(server) - before <= 30 || Date.now() > until) return;
  }
}

async function cities(server: SpawnedServer): Promise<string[]> {
  const body = (await (await fetch(`${server.url}/api/v1/cities`)).json()) as { data: { cities: Array<{ slug: string }> } };
  return body.data.cities.map((c) => c.slug);
}

/**
 * A server with its log lines written to a temporary file (removed when it stops), not piped
 * into this process: the load generator shares it. Rate limits are off (spawnServer's default):
 * the load comes from one address.
 */
export async function benchServer(env: Record<string, string>): Promise<SpawnedServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-bench-'));
  const server = await spawnServer(env, undefined, undefined, { stdoutFile: path.join(dir, 'stdout.log') });
  return { ...server, stop: () => server.stop().finally(() => fs.rmSync(dir, { recursive: true, force: true })) };
}

async function withServer(env: Record<string, string>, run: (server: SpawnedServer) => Promise<LoadResult>): Promise<LoadResult> {
  const server = await benchServer(env);
  try {
    return await run(server);
  } finally {
    await server.stop();
  }
}

// A new (city, second of today) per call, so every prediction misses the cache and needs its
// weather and an inference.
function newKeys(slugs: string[]): () => { city: string; timestamp: string } {
  const start = Date.parse(`${day}T00:00:00Z`);
  let i = 0;
  return () => {
    const n = i++;
    return { city: slugs[n % slugs.length]!, timestamp: new Date(start + (n % 86_400) * 1000 + Math.floor(n / 86_400)).toISOString() };
  };
}

/**
 * A load result with the server's CPU time per prediction it made (misses) or per request it
 * answered (hits): on a machine shared with other jobs the rates scatter with their load, the
 * CPU a request costs much less.
 */
export type ScenarioResult = LoadResult & { cpu_ms_per_prediction?: number; cpu_ms_per_request?: number };

// Predictions made since start: the batcher counts every item, batched or not.
async function predictionsMade(server: SpawnedServer): Promise<number> {
  const body = (await (await fetch(`${server.url}/api/v1/performance/batch/statistics`)).json()) as { data: { total_items: number } };
  return body.data.total_items;
}

/** Loads a started server once per call, as one scenario (for `seconds` instead of the shape's). */
type Load = (scenario: string, seconds?: number) => Promise<ScenarioResult>;

/** Prepares a started server for its loads. */
type LoadMaker = (server: SpawnedServer, shape: LoadShape) => Promise<Load>;

const perRequest = (ms: number, n: number) => Math.round((ms / Math.max(n, 1)) * 1000) / 1000;

/** The forecast path of every city for today, each requested once so that the next is a cache hit. */
export async function warmedForecastPaths(server: SpawnedServer): Promise<string[]> {
  const paths = (await cities(server)).map((c) => `/api/v1/forecast/${c}/${day}`);
  for (const p of paths) await fetch(server.url + p);
  return paths;
}

/**
 * Cache hits: the forecast of every city for today, warmed first, requested round-robin. At the
 * shipped LOG_LEVEL (info) every request writes its seed-000 log line; `warn` leaves it out.
 */
async function forecastHits(server: SpawnedServer, shape: LoadShape): Promise<Load> {
  const paths = await warmedForecastPaths(server);
  return async (scenario, seconds = shape.seconds) => {
    const cpu = cpuMs(server);
    const result = await runGetCycle({ scenario, url: server.url, ...shape, seconds, peakRssMb: peakRssMb(server), paths });
    return { ...result, cpu_ms_per_request: perRequest(cpuMs(server) - cpu, result.requests) };
  };
}

// Misses through POST /api/v1/predict, each a new key (the keys go on across calls).
const predictMisses: LoadMaker = async (server, shape) => {
  const next = newKeys(await cities(server));
  return async (scenario, seconds = shape.seconds) => {
    const [cpu, made] = [cpuMs(server), await predictionsMade(server)];
    const result = await runLoad({
      scenario, url: server.url, ...shape, seconds, peakRssMb: peakRssMb(server),
      request: () => ({ method: 'POST', path: '/api/v1/predict', body: JSON.stringify(next()) }),
    });
    // Counted once the requests still queued are done, so that their CPU and their items match.
    await settle(server);
    const cpu_ms_per_prediction = perRequest(cpuMs(server) - cpu, (await predictionsMade(server)) - made);
    return { ...result, cpu_ms_per_prediction };
  };
};

/** Cache misses (POST /api/v1/predict), one contender per `env`, as {@link alternating}. */
export function alternatingMisses(labels: readonly string[], envs: ReadonlyArray<Record<string, string>>, shape: LoadShape, rounds: number): Promise<ScenarioResult[]> {
  return alternating(labels, envs.map((env) => ({ LOG_LEVEL: 'warn', ...env })), shape, rounds, predictMisses);
}

/** Forecast cache hits, one contender per `env`, as {@link alternating}. */
export function alternatingHits(labels: readonly string[], envs: ReadonlyArray<Record<string, string>>, shape: LoadShape, rounds: number): Promise<ScenarioResult[]> {
  return alternating(labels, envs.map((env) => ({ LOG_LEVEL: 'info', ...env })), shape, rounds, forecastHits);
}

/**
 * Servers started side by side, one per `env`, loaded one at a time in `rounds` alternating
 * rounds (the order rotating), so that whatever else the machine does hits every contender
 * alike; per contender the medians over its rounds.
 */
async function alternating(labels: readonly string[], envs: ReadonlyArray<Record<string, string>>, shape: LoadShape, rounds: number, makeLoad: LoadMaker): Promise<ScenarioResult[]> {
  const servers: SpawnedServer[] = [];
  try {
    for (const env of envs) servers.push(await benchServer(env));
    const loads = await Promise.all(servers.map((server) => makeLoad(server, shape)));
    // One unmeasured second each first: a fresh server's first requests compile its hot paths.
    for (const [i, load] of loads.entries()) await load(`${labels[i]} (warm-up)`, 1);
    const runs: ScenarioResult[][] = loads.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < loads.length; k++) {
        const i = (r + k) % loads.length;
        runs[i]!.push(await loads[i]!(`${labels[i]} (round ${r + 1}/${rounds})`));
      }
    }
    return runs.map((results, i) => medianResult(labels[i]!, results));
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 1000) / 1000;
};

// The median of a figure the rounds have, as a field; nothing when they do not have it.
function medianOf(key: 'cpu_ms_per_prediction' | 'cpu_ms_per_request', rounds: readonly ScenarioResult[]) {
  const values = rounds.map((r) => r[key]).filter((v): v is number => v !== undefined);
  return values.length ? { [key]: median(values) } : {};
}

/** One result from several rounds of a scenario: medians of the rates, latencies and CPU, sums of the counts. */
export function medianResult(scenario: string, rounds: readonly ScenarioResult[]): ScenarioResult {
  const sum = (f: (r: LoadResult) => number) => rounds.reduce((n, r) => n + f(r), 0);
  const requests = sum((r) => r.requests);
  const errors = sum((r) => r.errors);
  return {
    scenario,
    requests,
    rps: Math.round(median(rounds.map((r) => r.rps))),
    p50_ms: median(rounds.map((r) => r.p50_ms)),
    p95_ms: median(rounds.map((r) => r.p95_ms)),
    p99_ms: median(rounds.map((r) => r.p99_ms)),
    error_rate_pct: requests ? Math.round((errors / requests) * 100_000) / 1000 : 0,
    errors,
    non2xx: sum((r) => r.non2xx),
    peak_rss_mb: Math.max(...rounds.map((r) => r.peak_rss_mb)),
    load_generator: rounds[0]!.load_generator,
    ...medianOf('cpu_ms_per_prediction', rounds),
    ...medianOf('cpu_ms_per_request', rounds),
  };
}

/** POST /api/v1/predict/batch with `items` new keys each. */
export function batchMisses(scenario: string, shape: LoadShape, items: number, env: Record<string, string>): Promise<LoadResult> {
  return withServer({ LOG_LEVEL: 'warn', ...env }, async (server) => {
    const next = newKeys(await cities(server));
    return runLoad({
      scenario, url: server.url, ...shape, peakRssMb: peakRssMb(server),
      request: () => ({ method: 'POST', path: '/api/v1/predict/batch', body: JSON.stringify({ items: Array.from({ length: items }, next) }) }),
    });
  });
}
