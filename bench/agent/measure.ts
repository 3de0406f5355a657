// The two measuring phases. Contenders always alternate (the order rotates every round), so
// the noise of a shared 2-core machine lands on all of them alike; the load generator is the
// same for every contender (wrk when installed, see bench/lib/load.ts).
import { progressBar } from '../../src/cli/progress.js';
import { runGetCycle, type LoadResult } from '../lib/load.js';
import { APPS, type AppName } from './apps.js';
import { startApp, type RunningApp } from './child.js';
import { CONTENDER_NAMES, type ContenderName } from './contenders.js';
import type { AgentBenchOptions } from './options.js';
import { probeMetrics, type MetricsProbe } from './probe.js';

/** One start of one contender. */
export interface StartSample {
  app: AppName;
  contender: ContenderName;
  startup_ms: number;
  idle_rss_mb: number;
  exited_on_sigterm: boolean;
}

/** One load run of one contender. */
export interface LoadSample extends LoadResult {
  app: AppName;
  contender: ContenderName;
  round: number;
}

/** The load samples, and what each agent's /metrics showed after its app's rounds. */
export interface LoadPhase {
  samples: LoadSample[];
  metrics: Partial<Record<AppName, Partial<Record<ContenderName, MetricsProbe>>>>;
}

/** The contenders in the order of round `n`: each leads once every three rounds. */
export const rotated = (n: number): ContenderName[] => CONTENDER_NAMES.map((_, i) => CONTENDER_NAMES[(i + n) % CONTENDER_NAMES.length]!);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start-up time (spawn → `listening`) and RSS after `idleSeconds` idle, `starts` times per contender and app. */
export async function measureStarts(o: AgentBenchOptions, sinkUrl: string): Promise<StartSample[]> {
  const samples: StartSample[] = [];
  const total = o.starts * o.apps.length * CONTENDER_NAMES.length;
  const bar = progressBar('start-up and idle RSS'.padEnd(28));
  bar.update(0, total);
  for (let n = 0; n < o.starts; n++) {
    for (const app of o.apps) {
      for (const contender of rotated(n)) {
        const running = await startApp(app, contender, sinkUrl);
        await sleep(o.idleSeconds * 1000);
        const idle = running.memoryMb('VmRSS');
        const { exitedOnSigterm } = await running.stop();
        samples.push({ app, contender, startup_ms: Math.round(running.startupMs), idle_rss_mb: idle, exited_on_sigterm: exitedOnSigterm });
        bar.update(samples.length, total, `${app} ${contender}`);
      }
    }
  }
  bar.done(`${total} starts`);
  return samples;
}

/** Load rounds: per app its three contenders run side by side, loaded one at a time. */
export async function measureLoad(o: AgentBenchOptions, sinkUrl: string): Promise<LoadPhase> {
  const samples: LoadSample[] = [];
  const metrics: LoadPhase['metrics'] = {};
  const runs = o.rounds * o.apps.length * CONTENDER_NAMES.length;
  for (const app of o.apps) {
    const running = new Map<ContenderName, RunningApp>();
    try {
      for (const contender of CONTENDER_NAMES) running.set(contender, await startApp(app, contender, sinkUrl));
      for (let round = 0; round < o.rounds; round++) {
        for (const contender of rotated(round)) {
          const target = running.get(contender)!;
          const result = await runGetCycle({
            scenario: `[${samples.length + 1}/${runs}] ${app} r${round + 1} ${contender}`,
            url: target.url,
            connections: o.connections,
            seconds: o.seconds,
            warmupSeconds: o.warmupSeconds,
            paths: APPS[app].paths,
            peakRssMb: () => Math.round(target.memoryMb('VmHWM')),
          });
          samples.push({ app, contender, round: round + 1, ...result });
        }
      }
      for (const contender of CONTENDER_NAMES.filter((c) => c !== 'plain')) {
        (metrics[app] ??= {})[contender] = await probeMetrics(app, running.get(contender)!.metricsUrl);
      }
    } finally {
      await Promise.all([...running.values()].map((r) => r.stop()));
    }
  }
  return { samples, metrics };
}
