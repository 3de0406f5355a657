// Whether one evaluation has the data to decide what it decides. The embedded evaluator starts
// empty with its process: after a restart `rate(x[5m])` has no series until two scrapes, and
// `increase(x[1h])` is low for an hour. Alert state is restored from the store (as vmalert
// restores it by remote read and Prometheus from ALERTS_FOR_STATE), but an evaluation over
// part of a rule's window cannot tell a condition that ended from data not yet seen. So such
// an evaluation may raise and advance alerts from the series it does return, and ends none.
import type { CompiledAlertRule, CompiledRuleSet, QuerySource, SourceCoverage } from '../types.js';

/**
 * `full`: the source holds the whole window the rule reads (or keeps history, as Prometheus);
 * `partial`: part of it, so absent series prove nothing; `none`: no sample at all yet.
 */
export type Coverage = 'full' | 'partial' | 'none';

/** Per rule, whether the source's data covers what the rule reads at a given time. */
export class CoverageCheck {
  private ruleSet: CompiledRuleSet | undefined;
  private windows = new Map<string, number>();
  private recordExprs = new Map<string, string[]>();

  constructor(
    private readonly source: QuerySource,
    private readonly currentRuleSet: () => CompiledRuleSet,
  ) {}

  /** The coverage of `rule` evaluated at `nowMs`. */
  of(rule: CompiledAlertRule, nowMs: number): Coverage {
    return this.ofExpr(rule.expr, nowMs);
  }

  /** The coverage of any expression (a recommendation's trend condition) at `nowMs`. */
  ofExpr(expr: string, nowMs: number): Coverage {
    const cov = this.source.coverage?.();
    if (!cov) return 'full';
    if (cov.sinceMs === undefined) return 'none';
    // A window longer than retention is never held whole; what retention holds is all there will be.
    const window = Math.min(this.windowOf(expr, cov, new Set()), cov.retentionMs);
    return nowMs - cov.sinceMs >= window ? 'full' : 'partial';
  }

  private windowOf(expr: string, cov: SourceCoverage, visiting: Set<string>): number {
    this.sync();
    let ms = this.windows.get(expr);
    if (ms !== undefined) return ms;
    // A series written by a recording rule carries that rule's window behind it.
    const inherited = (metric: string | undefined): number => {
      const exprs = metric === undefined ? undefined : this.recordExprs.get(metric);
      if (!exprs || visiting.has(metric!)) return 0;
      visiting.add(metric!);
      const out = Math.max(0, ...exprs.map((e) => this.windowOf(e, cov, visiting)));
      visiting.delete(metric!);
      return out;
    };
    try {
      ms = cov.readWindowMs(expr, inherited);
    } catch {
      ms = 0; // an expression the source cannot read fails its evaluation anyway
    }
    this.windows.set(expr, ms);
    return ms;
  }

  // Reloads and threshold changes bring a new rule set object; the windows are recomputed then.
  private sync(): void {
    const set = this.currentRuleSet();
    if (set === this.ruleSet) return;
    this.ruleSet = set;
    this.windows = new Map();
    this.recordExprs = new Map();
    for (const g of set.groups) {
      for (const r of g.rules) if (r.kind === 'record') this.recordExprs.set(r.record, [...(this.recordExprs.get(r.record) ?? []), r.expr]);
    }
  }
}
