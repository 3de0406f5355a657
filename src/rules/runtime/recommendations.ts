// Which recommendations are in force now: those tied to a firing alert, and those whose own
// condition (often a trend: deriv, predict_linear) returns any series once the source holds the
// whole window it reads (a predict_linear over 1h says nothing 20 s after a start). Extra
// sources (the trace analyser) add theirs.
import { logger } from '../../log/index.js';
import type { Coverage } from '../engine/coverage.js';
import type { CompiledRuleSet, QuerySource, RecommendationSpec } from '../types.js';
import type { RecommendationView } from '../views.js';

/** Recommendations from elsewhere (e.g. trace analysis), merged with the rule-based ones. */
export type RecommendationProvider = () => RecommendationView[] | Promise<RecommendationView[]>;

const failing = new Set<string>();

function view(spec: RecommendationSpec, reason: string, at: string): RecommendationView {
  const { whenAlerts: _a, whenExpr: _e, source: _s, ...fields } = spec;
  return { ...fields, reason, created_at: at };
}

/** Whether the source holds the window an expression reads (the engine's coverage check). */
export type ExprCoverage = (expr: string, nowMs: number) => Coverage;

/** The recommendations in force at `nowMs`, highest priority first. */
export async function activeRecommendations(
  ruleSet: CompiledRuleSet | undefined,
  firing: ReadonlySet<string>,
  source: QuerySource,
  nowMs: number,
  providers: RecommendationProvider[] = [],
  coverage: ExprCoverage = () => 'full',
): Promise<RecommendationView[]> {
  const at = new Date(nowMs).toISOString();
  const out: RecommendationView[] = [];
  for (const spec of ruleSet?.recommendations ?? []) {
    const alert = spec.whenAlerts.find((a) => firing.has(a));
    if (alert) {
      out.push(view(spec, `alert ${alert} is firing`, at));
      continue;
    }
    if (!spec.whenExpr || coverage(spec.whenExpr, nowMs) !== 'full') continue;
    try {
      if ((await source.query(spec.whenExpr, nowMs)).length > 0) out.push(view(spec, `condition holds: ${spec.whenExpr}`, at));
      failing.delete(spec.id);
    } catch (err) {
      // Reported once per recommendation until it recovers; a bad condition must not hide the others.
      if (!failing.has(spec.id)) logger().warn({ err, recommendation: spec.id }, 'recommendation condition failed');
      failing.add(spec.id);
    }
  }
  for (const provider of providers) out.push(...(await provider()));
  const rank = { critical: 0, high: 1, medium: 2, low: 3 } as const;
  return out.sort((a, b) => rank[a.priority] - rank[b.priority]);
}
