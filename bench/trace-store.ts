// The trace store's overhead on the cache-hit path, two ways, each with and without the store
// in the same run:
//  a. micro: one cache-hit-shaped trace (a server span with the http attributes, a cache.get
//     span) through a real tracer provider, with a no-op processor vs the trace store;
//  b. HTTP: `foresight start` with FORESIGHT_TRACE_STORE=off vs on, forecast cache hits under
//     autocannon (needs the store wired into the server; skipped with a note otherwise).
// Prints the figures and writes bench/results/trace-store.json.
import fs from 'node:fs';
import path from 'node:path';
import { SpanKind, context, trace } from '@opentelemetry/api';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { TraceStore } from '../src/traces/index.js';
import { repoRoot } from '../test/helpers/spawn-server.js';
import { benchServer, peakRssMb, warmedForecastPaths } from './lib/api-scenarios.js';
import { runGetCycle, type LoadResult } from './lib/load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TRACES = Number(process.env.BENCH_TRACES ?? 200_000);

const noop: SpanProcessor = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };

/** ns per cache-hit trace through a provider with `processor`. */
function microRun(processor: SpanProcessor, n: number): number {
  const tracer = new BasicTracerProvider({ spanProcessors: [processor] }).getTracer('bench');
  const serverAttrs = {
    'http.request.method': 'GET', 'url.path': '/api/v1/forecast/berlin/2030-01-01', 'url.scheme': 'http',
    'server.address': '127.0.0.1', 'server.port': 8080, 'network.peer.address': '127.0.0.1', 'network.peer.port': 50000,
    'network.protocol.version': '1.1', 'user_agent.original': 'autocannon', 'http.route': '/api/v1/forecast/:city/:date',
  };
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    const root = tracer.startSpan('GET /api/v1/forecast/:city/:date', { kind: SpanKind.SERVER, attributes: serverAttrs });
    const get = tracer.startSpan('cache.get', { attributes: { 'cache.key': 'forecast:berlin:2030-01-01' } }, trace.setSpan(context.active(), root));
    get.setAttribute('cache.hit', true);
    get.setAttribute('cache.tier', 'l1');
    get.end();
    root.setAttribute('http.response.status_code', 200);
    root.end();
  }
  return Number(process.hrtime.bigint() - start) / n;
}

function micro() {
  // Alternating rounds, best of three each: JIT warm-up and GC land on both sides alike.
  const base: number[] = [];
  const withStore: number[] = [];
  for (let round = 0; round < 3; round++) {
    base.push(microRun(noop, TRACES));
    withStore.push(microRun(new TraceStore(), TRACES));
  }
  const b = Math.min(...base);
  const s = Math.min(...withStore);
  return {
    traces_per_round: TRACES,
    ns_per_trace_noop_processor: Math.round(b),
    ns_per_trace_trace_store: Math.round(s),
    store_ns_per_span: Math.round((s - b) / 2),
    traces_per_s_noop_processor: Math.round(1e9 / b),
    traces_per_s_trace_store: Math.round(1e9 / s),
  };
}

async function cacheHits(scenario: string, env: Record<string, string>): Promise<{ result: LoadResult; traces: number } | undefined> {
  // Rate limits off (one address loads it), log lines to a file.
  const server = await benchServer({ LOG_LEVEL: 'warn', ...env });
  try {
    const paths = await warmedForecastPaths(server);
    const result = await runGetCycle({ scenario, url: server.url, connections: CONNECTIONS, seconds: SECONDS, peakRssMb: peakRssMb(server), paths });
    const probe = await fetch(`${server.url}/api/v1/traces?limit=1`);
    const traces = probe.ok ? ((await probe.json()) as { data: { store: { traces: number } } }).data.store.traces : -1;
    return { result, traces };
  } finally {
    await server.stop();
  }
}

async function main() {
  console.error(`trace store benchmark: ${TRACES} traces per micro round; HTTP ${SECONDS}s, ${CONNECTIONS} connections\n`);
  const m = micro();
  console.log('micro (cache-hit trace: server span + cache.get):');
  console.table(m);
  const off = await cacheHits('cache hits, trace store off', { FORESIGHT_TRACE_STORE: 'off' });
  const on = await cacheHits('cache hits, trace store on', { FORESIGHT_TRACE_STORE: 'on' });
  let http: Record<string, unknown> = { skipped: 'the trace store is not wired into the server (GET /api/v1/traces answers 404)' };
  if (off && on && on.traces > 0) {
    console.table([off.result, on.result]);
    http = {
      without: off.result,
      with: on.result,
      traces_kept_at_end: on.traces,
      throughput_kept: Math.round((on.result.rps / off.result.rps) * 1000) / 1000,
      p99_ratio: Math.round((on.result.p99_ms / Math.max(off.result.p99_ms, 0.01)) * 100) / 100,
    };
    console.log(`HTTP: ${off.result.rps} req/s without the store, ${on.result.rps} req/s with it (${String(http.throughput_kept)}x kept)`);
  } else {
    console.log(`HTTP: ${String(http.skipped)}`);
  }
  const out = { date: new Date().toISOString(), node: process.version, seconds: SECONDS, connections: CONNECTIONS, micro: m, http };
  const dir = path.join(repoRoot, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'trace-store.json'), JSON.stringify(out, null, 2) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
