// Reduces the samples to medians per contender, the ratios between contenders and the checks
// against the goals of issue 10 (goal 1). A goal that is not met is reported, not thrown.
import type { AppName } from './apps.js';
import { CONTENDER_NAMES, type ContenderName } from './contenders.js';
import type { LoadSample, StartSample } from './measure.js';

/** Medians over rounds (load) and over starts (start-up, idle RSS) of one contender on one app. */
export interface ContenderSummary {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors_total: number;
  peak_rss_mb: number;
  startup_ms: number;
  idle_rss_mb: number;
  /** How many of its stops SIGTERM alone ended. */
  exited_on_sigterm: string;
}

/** Ratios between the medians of one app. */
export interface AppRatios {
  foresight_over_plain: number;
  /**
   * foresight/plain within each round, and their median: the runs of one round follow each other
   * within seconds, so a machine that is slower for a while (seen here: the same app at half its
   * speed for one run) weighs on both sides of the ratio.
   */
  foresight_over_plain_by_round: number[];
  foresight_over_plain_paired: number;
  stock_over_plain: number;
  foresight_over_stock: number;
  p99_foresight_over_plain: number;
  agent_rss_added_mb: number;
  stock_rss_added_mb: number;
}

/** One goal checked on one app. */
export interface GoalCheck {
  app: AppName;
  goal: string;
  value: number;
  target: string;
  met: boolean;
}

export const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 3) : NaN);

/** The summary of each contender of `app`. */
export function summarise(app: AppName, load: LoadSample[], starts: StartSample[]): Record<ContenderName, ContenderSummary> {
  const out = {} as Record<ContenderName, ContenderSummary>;
  for (const c of CONTENDER_NAMES) {
    const l = load.filter((s) => s.app === app && s.contender === c);
    const st = starts.filter((s) => s.app === app && s.contender === c);
    out[c] = {
      rps: Math.round(median(l.map((s) => s.rps))),
      p50_ms: round(median(l.map((s) => s.p50_ms))),
      p99_ms: round(median(l.map((s) => s.p99_ms))),
      errors_total: l.reduce((n, s) => n + s.errors, 0),
      peak_rss_mb: Math.max(0, ...l.map((s) => s.peak_rss_mb)),
      startup_ms: Math.round(median(st.map((s) => s.startup_ms))),
      idle_rss_mb: round(median(st.map((s) => s.idle_rss_mb)), 1),
      exited_on_sigterm: `${st.filter((s) => s.exited_on_sigterm).length}/${st.length}`,
    };
  }
  return out;
}

/** The ratios of one app's medians, and the paired ratios of its rounds (`load`: that app's samples). */
export function ratios(s: Record<ContenderName, ContenderSummary>, load: LoadSample[]): AppRatios {
  const rps = (c: ContenderName, r: number) => load.find((x) => x.contender === c && x.round === r)?.rps ?? NaN;
  const rounds = [...new Set(load.map((x) => x.round))].sort((a, b) => a - b);
  const byRound = rounds.map((r) => ratio(rps('foresight', r), rps('plain', r)));
  return {
    foresight_over_plain: ratio(s.foresight.rps, s.plain.rps),
    foresight_over_plain_by_round: byRound,
    foresight_over_plain_paired: round(median(byRound), 3),
    stock_over_plain: ratio(s.stock.rps, s.plain.rps),
    foresight_over_stock: ratio(s.foresight.rps, s.stock.rps),
    p99_foresight_over_plain: ratio(s.foresight.p99_ms, s.plain.p99_ms),
    agent_rss_added_mb: round(s.foresight.idle_rss_mb - s.plain.idle_rss_mb, 1),
    stock_rss_added_mb: round(s.stock.idle_rss_mb - s.plain.idle_rss_mb, 1),
  };
}

/** Goal 1 of issue 10 on one app: throughput and p99 against plain, against stock on Express, idle RSS added. */
export function goalChecks(app: AppName, r: AppRatios): GoalCheck[] {
  const checks: GoalCheck[] = [
    { app, goal: 'foresight throughput / plain', value: r.foresight_over_plain, target: '>= 0.80', met: r.foresight_over_plain >= 0.8 },
    { app, goal: 'foresight p99 / plain p99', value: r.p99_foresight_over_plain, target: '<= 2', met: r.p99_foresight_over_plain <= 2 },
  ];
  if (app === 'express') {
    checks.push({ app, goal: 'foresight throughput / stock', value: r.foresight_over_stock, target: '>= 2', met: r.foresight_over_stock >= 2 });
  }
  checks.push({ app, goal: 'agent RSS added at idle (MB)', value: r.agent_rss_added_mb, target: '< 40', met: r.agent_rss_added_mb < 40 });
  return checks;
}
