// `npm run bench:agent`: what an agent costs a small app (issue 10, goal 1). For a Hono and an
// Express app, three contenders as child processes: plain, stock OpenTelemetry
// auto-instrumentation (with the ESM loader hook) and foresight's register, both agents
// exporting traces over OTLP to a local sink and serving Prometheus metrics. Measures start-up
// time and idle RSS, then alternating load rounds; prints medians, ratios and the goal checks
// and writes bench/results/agent.json. Options: see bench/agent/options.ts or --help.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../test/helpers/spawn-server.js';
import { checkContenders, sinkTag, CONTENDER_NAMES, type ContenderName } from './agent/contenders.js';
import { measureLoad, measureStarts } from './agent/measure.js';
import { parseAgentBenchOptions, USAGE, type AgentBenchOptions } from './agent/options.js';
import { goalChecks, ratios, summarise } from './agent/report.js';
import { startOtlpSink } from './agent/sink.js';

async function main() {
  let o: AgentBenchOptions | undefined;
  try {
    o = parseAgentBenchOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`bench:agent: ${(err as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (!o) return void console.log(USAGE);
  checkContenders();
  console.error(
    `agent benchmark: ${o.apps.join(', ')} × ${CONTENDER_NAMES.join('/')}; ${o.rounds} rounds of ${o.warmupSeconds}+${o.seconds}s, ` +
      `${o.connections} connections; ${o.starts} starts each (RSS after ${o.idleSeconds}s idle); ${os.cpus().length} cores, the load from wrk if installed, else autocannon in this process\n`,
  );
  const sink = await startOtlpSink();
  try {
    const starts = await measureStarts(o, sink.url);
    const { samples: load, metrics } = await measureLoad(o, sink.url);
    const sent = sink.counts();

    const apps = Object.fromEntries(
      o.apps.map((app) => {
        const summary = summarise(app, load, starts);
        const r = ratios(summary, load.filter((x) => x.app === app));
        const otlp = Object.fromEntries(CONTENDER_NAMES.filter((c) => c !== 'plain').map((c) => [c, sent[sinkTag(app, c)] ?? {}]));
        return [app, { summary, ratios: r, otlp_received: otlp, metrics: metrics[app] ?? {}, goals: goalChecks(app, r) }];
      }),
    );

    console.table(load.map((s) => ({ app: s.app, round: s.round, contender: s.contender, rps: s.rps, p50_ms: s.p50_ms, p99_ms: s.p99_ms, errors: s.errors })));
    for (const [app, a] of Object.entries(apps)) {
      console.log(`\n${app}: medians over ${o.rounds} round(s); start-up and idle RSS medians over ${o.starts} start(s)`);
      console.table(a.summary);
      console.log(`${app} ratios:`, a.ratios);
      for (const [c, signals] of Object.entries(a.otlp_received)) {
        const traces = signals.traces?.bytes ?? 0;
        const m = a.metrics[c as ContenderName];
        console.log(
          `${app} ${c}: OTLP sink received ${traces} trace bytes${traces === 0 ? ' (NONE: no spans exported; is it instrumenting anything?)' : ''}; ` +
            (m?.served ? `/metrics ${m.samples} samples, RED metrics by route: ${m.red_metrics_by_route ? 'yes' : 'no'}` : '/metrics not served'),
        );
      }
    }
    const goals = Object.values(apps).flatMap((a) => a.goals);
    console.log('\ngoals (issue 10, goal 1):');
    for (const g of goals) console.log(`  ${g.met ? 'met    ' : 'NOT met'}  ${g.app.padEnd(8)} ${g.goal.padEnd(30)} ${String(g.value).padStart(8)}  (target ${g.target})`);

    const out = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      options: o,
      apps,
      goals,
      all_goals_met: goals.every((g) => g.met),
      starts,
      rounds: load,
    };
    const dir = path.join(repoRoot, 'bench/results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'agent.json'), JSON.stringify(out, null, 2) + '\n');
    console.log(`\nwritten: bench/results/agent.json`);
  } finally {
    await sink.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
