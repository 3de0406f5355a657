// The last step of `npm run bench`: this run's figures (bench/results/latest.json,
// rules-eval.json, trace-store.json, start.json) against the committed baseline (bench/results/baseline.json),
// the change per figure, and the regressions marked and summed up. Exit code 0 unless --strict.
// `--save` makes this run the new baseline: commit it when a change is meant to move a figure.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../test/helpers/spawn-server.js';
import { compareWithBaseline, DEFAULT_TOLERANCE, exitCodeFor, formatComparison, type Figure } from './lib/baseline.js';
import { apiFigures, rulesFigures, startFigures, traceStoreFigures, type ApiResults, type StartResults } from './lib/figures.js';

const USAGE = `usage: node dist/bench/compare.js [options]
  --strict         exit 1 when a figure regressed (BENCH_STRICT=1)
  --tolerance F    how far a throughput or ratio may fall, as a fraction (BENCH_TOLERANCE, default ${DEFAULT_TOLERANCE})
  --baseline FILE  the baseline (default bench/results/baseline.json)
  --save           write this run's figures as the baseline instead of comparing
  --help           this text`;

/** bench/results/baseline.json */
interface Baseline {
  date: string;
  note?: string;
  settings?: { seconds?: number; connections?: number };
  figures: Record<string, number>;
}

const resultsDir = path.join(repoRoot, 'bench/results');

function readJson<T>(file: string): T | undefined {
  const full = path.join(resultsDir, file);
  return fs.existsSync(full) ? (JSON.parse(fs.readFileSync(full, 'utf8')) as T) : undefined;
}

function main(): number {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    allowPositionals: false,
    options: { strict: { type: 'boolean' }, tolerance: { type: 'string' }, baseline: { type: 'string' }, save: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const tolerance = Number(values.tolerance ?? process.env.BENCH_TOLERANCE ?? DEFAULT_TOLERANCE);
  const strict = values.strict === true || process.env.BENCH_STRICT === '1';
  const baselineFile = path.resolve(values.baseline ?? path.join(resultsDir, 'baseline.json'));

  const api = readJson<ApiResults>('latest.json');
  const rules = readJson<{ median_tick_ms: number }>('rules-eval.json');
  const traces = readJson<Parameters<typeof traceStoreFigures>[0]>('trace-store.json');
  const start = readJson<StartResults>('start.json');
  const figures: Figure[] = [
    ...(api ? apiFigures(api) : []),
    ...(rules ? rulesFigures(rules) : []),
    ...(traces ? traceStoreFigures(traces) : []),
    ...(start ? startFigures(start) : []),
  ];

  if (values.save) {
    const baseline: Baseline = {
      date: new Date().toISOString(),
      settings: { seconds: api?.seconds, connections: api?.connections },
      figures: Object.fromEntries(figures.map((f) => [f.name, f.value])),
    };
    fs.writeFileSync(baselineFile, JSON.stringify(baseline, null, 2) + '\n');
    console.log(`baseline of ${figures.length} figures written to ${path.relative(process.cwd(), baselineFile)}`);
    return 0;
  }
  if (!fs.existsSync(baselineFile)) {
    console.log(`no baseline at ${path.relative(process.cwd(), baselineFile)}; write one with --save`);
    return 0;
  }
  const baseline = JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as Baseline;
  const rows = compareWithBaseline(figures, baseline.figures, tolerance);
  console.log(`\nagainst the baseline of ${baseline.date.slice(0, 10)}${baseline.note ? ` (${baseline.note})` : ''}:`);
  const { seconds, connections } = baseline.settings ?? {};
  if (api && (seconds !== api.seconds || connections !== api.connections)) {
    console.log(`note: this run loaded ${api.seconds} s at ${api.connections} connections per scenario, the baseline ${seconds} s at ${connections}; figures of unlike runs differ by more than the code`);
  }
  console.log(formatComparison(rows, tolerance));
  return exitCodeFor(rows, strict);
}

try {
  process.exitCode = main();
} catch (err) {
  console.error((err as Error).message);
  console.error(USAGE);
  process.exitCode = 2;
}
