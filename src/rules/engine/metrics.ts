// The rules service measures itself: evaluation time and failures per group, rules loaded, and
// open alerts by state and severity.
import type { Counter, Histogram, ObservableCallback, ObservableGauge } from '@opentelemetry/api';
import { counter, gauge, histogram, RULES_METRICS } from '../../metrics/index.js';

/** Live figures the observable gauges read at collection time. */
export interface RulesGaugeReads {
  rulesLoaded: () => number;
  alertCounts: () => Array<{ state: string; severity: string; count: number }>;
}

/** The instruments of one rules service; {@link RulesMetrics.close} detaches its gauges. */
export class RulesMetrics {
  /** `rules_evaluation_seconds{group}` */
  readonly evaluationSeconds: Histogram;
  /** `rules_evaluation_failures_total{group}` */
  readonly evaluationFailures: Counter;
  private readonly loaded: ObservableGauge;
  private readonly alerts: ObservableGauge;
  private readonly loadedCb: ObservableCallback;
  private readonly alertsCb: ObservableCallback;

  // Made at construction, from the MeterProvider installed by then (see telemetry/metrics.ts).
  constructor(reads: RulesGaugeReads) {
    this.evaluationSeconds = histogram(RULES_METRICS.evaluationSeconds, {
      explicitBucketBoundaries: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
    this.evaluationFailures = counter(RULES_METRICS.evaluationFailures);
    this.loaded = gauge(RULES_METRICS.rulesLoaded);
    this.alerts = gauge(RULES_METRICS.alerts);
    // A throwing read would lose the whole collection for this gauge; report nothing instead.
    this.loadedCb = (r) => {
      try {
        r.observe(reads.rulesLoaded());
      } catch {
        /* rule set unavailable during a reload: skip this collection */
      }
    };
    this.alertsCb = (r) => {
      for (const c of reads.alertCounts()) r.observe(c.count, { state: c.state, severity: c.severity });
    };
    this.loaded.addCallback(this.loadedCb);
    this.alerts.addCallback(this.alertsCb);
  }

  /**
   * One evaluation of `group` took `seconds`. Its failures counter starts from zero with it, so
   * a rate over failures reads 0 (not "no data") while the group evaluates cleanly.
   */
  groupEvaluated(group: string, seconds: number): void {
    this.evaluationSeconds.record(seconds, { group });
    this.evaluationFailures.add(0, { group });
  }

  /** Detaches the gauges' callbacks. */
  close(): void {
    this.loaded.removeCallback(this.loadedCb);
    this.alerts.removeCallback(this.alertsCb);
  }
}
