// The rules service as the performance API sees it (RulesFacade): alerts, manual resolve,
// thresholds tuned at runtime (validated, persisted, applied at once), recommendations.
import type { Database } from '../../db/index.js';
import { applyThresholdOverrides, type RuleFileWatcher, type ThresholdOverrides } from '../files/index.js';
import type { RulesService } from '../service.js';
import { ThresholdError } from '../threshold-error.js';
import type { CompiledRuleSet, QuerySource, Threshold } from '../types.js';
import { CoverageCheck } from '../engine/coverage.js';
import { toAlertView } from './alert-view.js';
import { activeRecommendations, type RecommendationProvider } from './recommendations.js';
import { silenceMethods } from './silences.js';
import { severityMatches } from '../severity.js';
import type { AlertView, RulesFacade, ThresholdPatch } from '../views.js';
import { saveThenApply } from './threshold-store.js';

const NO_RULES: CompiledRuleSet = { version: 'none', groups: [], thresholds: [], recommendations: [], files: [] };

/** What the facade runs on. */
export interface FacadeParts {
  /** Where threshold changes are recorded; absent, they last until the process ends. */
  db?: Database;
  service: RulesService;
  watcher: RuleFileWatcher;
  source: QuerySource;
  overrides: ThresholdOverrides;
  recommendationProviders: RecommendationProvider[];
  /** The slowest trace of a route in a time window (the trace store) with its link, shown with the alert. */
  exemplar?: (window: { route?: string; sinceMs: number; untilMs: number }) => { traceId: string; durationMs: number; url: string } | undefined;
}

// An alert's example traces come from its window: from five minutes before it went active
// (its `for` and query range) until it resolved, or now.
const WINDOW_BEFORE_MS = 5 * 60_000;

function withExemplar(view: AlertView, exemplar: FacadeParts['exemplar']): AlertView {
  if (!exemplar || !view.active_at) return view;
  const until = view.resolved_at ? Date.parse(view.resolved_at) : Date.now();
  const found = exemplar({ route: view.labels.endpoint, sinceMs: Date.parse(view.active_at) - WINDOW_BEFORE_MS, untilMs: until });
  return found ? { ...view, example_traces: [found] } : view;
}

/** Builds the facade over a running rules service. */
export function rulesFacade(parts: FacadeParts): RulesFacade {
  const { db, service, watcher, source } = parts;
  const coverage = new CoverageCheck(source, () => watcher.current() ?? NO_RULES);
  let overrides = parts.overrides;
  const thresholds = (): Threshold[] => watcher.current()?.thresholds ?? [];

  return {
    async alerts(filter) {
      const records = await service.alerts({ state: filter.state === 'inactive' ? undefined : filter.state });
      const views: AlertView[] = records.map((r) => withExemplar(toAlertView(r), parts.exemplar));
      return filter.severity ? views.filter((v) => severityMatches(v.severity, filter.severity!)) : views;
    },
    async resolve(id, by) {
      const record = await service.resolve(id, by);
      return record && withExemplar(toAlertView(record), parts.exemplar);
    },
    thresholds,
    async updateThresholds(patch: ThresholdPatch, by: string) {
      const before = thresholds();
      const merged: ThresholdOverrides = { ...overrides };
      for (const [name, levels] of Object.entries(patch)) merged[name] = { ...merged[name], ...levels };
      const checked = applyThresholdOverrides(before, merged);
      if (!checked.ok) {
        const first = checked.errors[0]!;
        const name = Object.keys(patch).find((n) => first.reason.includes(`"${n}"`)) ?? Object.keys(patch)[0]!;
        throw new ThresholdError(name, first.reason);
      }
      // Saved, then applied: with the database down the update fails (503) and nothing changes.
      const ruleSet = await saveThenApply(
        db,
        { before, after: checked.thresholds, by },
        () => {
          const applied = watcher.setThresholdOverrides(merged);
          if (!applied.ok) throw new ThresholdError(Object.keys(patch)[0]!, applied.errors[0]!.reason);
          return applied.ruleSet;
        },
        () => watcher.setThresholdOverrides(overrides),
      );
      overrides = merged;
      return ruleSet.thresholds;
    },
    async recommendations() {
      const firing = new Set((await service.alerts({ state: 'firing' })).map((a) => a.alertname));
      return activeRecommendations(watcher.current(), firing, source, Date.now(), parts.recommendationProviders, (expr, now) =>
        coverage.ofExpr(expr, now),
      );
    },
    ...silenceMethods(service),
    status() {
      const set = watcher.current();
      const err = watcher.lastError();
      return {
        source: source.name,
        leader: service.isLeader(),
        rules_loaded: set?.groups.reduce((n, g) => n + g.rules.length, 0) ?? 0,
        version: set?.version ?? 'none',
        last_reload_error: err ? err.errors.map((e) => `${e.file}:${e.line}: ${e.reason}`).join('; ') : null,
      };
    },
  };
}
