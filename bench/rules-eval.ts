// Micro benchmark of the embedded rule evaluator: 10,000 series (latency histograms, counters
// with resets, gauges) over 1 h at 15 s, and one evaluation tick of 200 generated rules plus
// 30 realistic expressions. Prints the median tick of 20 and writes bench/results/rules-eval.json.
// Run: `node dist/bench/rules-eval.js`, or import `runRulesEvalBench` (bench/run.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EmbeddedSource } from '../src/rules/promql/index.js';
import { generateFleet, ingestSpecs } from '../test/helpers/promql-synthetic.js';
import { SeriesStore } from '../src/rules/scrape/index.js';

/** Expressions of the kind the shipped rules use. */
export const REALISTIC_EXPRESSIONS = [
  'histogram_quantile(0.95, sum by (endpoint, le) (rate(request_latency_seconds_bucket[5m]))) > 1',
  'histogram_quantile(0.99, sum by (le) (rate(request_latency_seconds_bucket[5m])))',
  'histogram_quantile(0.5, sum by (instance, le) (rate(request_latency_seconds_bucket{endpoint="/api/v1/predict"}[10m])))',
  '1000 * histogram_quantile(0.95, sum by (endpoint, le) (rate(request_latency_seconds_bucket[5m]))) and sum by (endpoint) (rate(request_latency_seconds_count[5m])) > 0',
  'sum by (endpoint) (rate(request_latency_seconds_sum[5m])) / (sum by (endpoint) (rate(request_latency_seconds_count[5m])) > 0) > 2',
  '100 * sum(rate(request_total{status=~"5.."}[5m])) / (sum(rate(request_total[5m])) > 0) > 5',
  'sum by (endpoint) (rate(request_total{status=~"5.."}[5m])) / ignoring(status) group_left sum by (endpoint) (rate(request_total[5m]))',
  'sum by (instance) (rate(request_total{status="500"}[5m])) / on(instance) sum by (instance) (rate(request_total[5m])) > 0.01',
  'avg(cache_hit_ratio) < 0.9',
  'avg_over_time(cache_hit_ratio[10m]) < 0.8',
  'cache_hit_ratio < 0.9 and deriv(cache_hit_ratio[30m]) < 0',
  'predict_linear(process_resident_memory_bytes[1h], 14400) > 2147483648',
  'predict_linear(db_connection_pool_size[30m], 3600) > 80',
  'avg(db_connection_pool_size) > 80',
  'max by (instance) (db_connection_pool_size) > 50',
  'max_over_time(db_connection_pool_size[15m]) - min_over_time(db_connection_pool_size[15m]) > 20',
  '100 * process_resident_memory_bytes / 2147483648 > 80',
  'increase(request_total{status="500"}[1h]) > 100',
  'sum(increase(request_total[1h])) by (endpoint)',
  'topk(5, sum by (instance) (rate(request_total[5m])))',
  'count by (endpoint) (rate(request_total[5m]) > 1)',
  'absent(up{job="foresight"})',
  'sum without (instance) (rate(request_latency_seconds_count[5m]))',
  'quantile(0.9, rate(request_total[5m]))',
  'irate(request_total{endpoint="/healthz"}[5m])',
  'resets(request_total[1h]) > 0',
  'stddev by (endpoint) (rate(request_total[5m]))',
  'deriv(process_resident_memory_bytes[15m]) > 1e5',
  'clamp_min(sum by (endpoint) (rate(request_total[5m])), 0.001)',
  'delta(cache_hit_ratio[30m]) < -0.01',
];

/** Rules generated from templates over the fleet's label values, as a large rule set looks. */
export function generatedRules(count: number): string[] {
  const endpoints = ['/api/v1/predict', '/api/v1/predict/batch', '/api/v1/forecast/:city/:date', '/api/v1/cities', '/healthz'];
  const templates = [
    (i: number) => `sum by (endpoint) (rate(request_total{status="${['200', '400', '500'][i % 3]}"}[5m])) > ${i}`,
    (i: number) => `histogram_quantile(0.${90 + (i % 10)}, sum by (le) (rate(request_latency_seconds_bucket{endpoint="${endpoints[i % 5]}"}[5m]))) > 0.5`,
    (i: number) => `avg_over_time(cache_hit_ratio{instance="10.0.0.${i % 40}:9464"}[10m]) < 0.9`,
    (i: number) => `max by (instance) (db_connection_pool_size) > ${i % 60}`,
    (i: number) => `increase(request_total{instance="10.0.0.${i % 40}:9464"}[15m]) > ${100 + i}`,
    (i: number) => `rate(request_latency_seconds_sum{endpoint="${endpoints[i % 5]}"}[5m]) / rate(request_latency_seconds_count{endpoint="${endpoints[i % 5]}"}[5m]) > 0.${i % 10}`,
    (i: number) => `predict_linear(process_resident_memory_bytes{instance="10.0.0.${i % 40}:9464"}[30m], 3600) > 1e9`,
    (i: number) => `sum(rate(request_total{endpoint="${endpoints[i % 5]}",status=~"5.."}[5m])) / sum(rate(request_total{endpoint="${endpoints[i % 5]}"}[5m])) > 0.0${i % 10}`,
  ];
  return Array.from({ length: count }, (_, i) => templates[i % templates.length]!(i));
}

/** Options of {@link runRulesEvalBench}. */
export interface RulesEvalBenchOptions {
  /** @defaultValue 10_000 */
  series?: number;
  /** @defaultValue 200 */
  generated?: number;
  /** @defaultValue 20 */
  ticks?: number;
}

/** The measured figures. */
export interface RulesEvalBenchResult {
  series: number;
  samples: number;
  rules: number;
  ticks: number;
  ingest_ms: number;
  first_tick_ms: number;
  median_tick_ms: number;
  p90_tick_ms: number;
  /**
   * CPU time of this process per tick (median; GC threads included): on a machine shared with
   * other jobs it moves far less than the wall time.
   */
  median_tick_cpu_ms: number;
  result_samples_per_tick: number;
  heap_used_mb: number;
}

const STEPS = 240;
const INTERVAL_MS = 15_000;

/** Builds the store, then times `ticks` full evaluations of every rule at the last scrape. */
export function runRulesEvalBench(options: RulesEvalBenchOptions = {}): RulesEvalBenchResult {
  const { series = 10_000, generated = 200, ticks = 20 } = options;
  // One more scrape per tick: each tick evaluates at a new instant over new data, as in service,
  // so nothing computed in one tick can be reused by the next.
  const specs = generateFleet({ series, steps: STEPS + ticks });
  const store = new SeriesStore({ retentionMs: 3_600_000 + (ticks + 1) * INTERVAL_MS, maxSeries: series + 1000 });
  let start = performance.now();
  ingestSpecs(store, specs, INTERVAL_MS);
  const ingestMs = performance.now() - start;
  const source = new EmbeddedSource({ store });
  const rules = [...generatedRules(generated), ...REALISTIC_EXPRESSIONS];
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let results = 0;
  for (let i = 0; i <= ticks; i++) {
    const at = (STEPS + i) * INTERVAL_MS;
    const cpu = process.cpuUsage();
    start = performance.now();
    results = 0;
    for (const rule of rules) results += source.querySync(rule, at).length;
    times.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  const first = times.shift()!;
  cpuTimes.shift();
  const sorted = [...times].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    series: store.seriesCount,
    samples: store.seriesCount * (STEPS + ticks + 1),
    rules: rules.length,
    ticks,
    ingest_ms: round(ingestMs),
    first_tick_ms: round(first),
    median_tick_ms: round(sorted[Math.floor(sorted.length / 2)]!),
    p90_tick_ms: round(sorted[Math.floor(sorted.length * 0.9)]!),
    median_tick_cpu_ms: round(cpuTimes.sort((a, b) => a - b)[Math.floor(cpuTimes.length / 2)]!),
    result_samples_per_tick: results,
    heap_used_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
}

function main(): void {
  const result = runRulesEvalBench();
  console.table([result]);
  console.log(`one evaluation tick of ${result.rules} rules over ${result.series} series: median ${result.median_tick_ms} ms (${result.median_tick_cpu_ms} ms CPU)`);
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'rules-eval.json');
  fs.writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
  console.log(`written ${path.relative(process.cwd(), file)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
