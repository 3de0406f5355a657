// The alert lifecycle of one rule evaluation, as Prometheus's alerting rule defines it, as a pure
// function: inactive → pending → firing (at once with `for: 0`); when the condition stops, a
// pending alert is forgotten and a firing one is held for keep_firing_for, then resolved.
// Pure so that the caller persists the plan first and only then makes it the new state.
import type { AlertState, CompiledAlertRule, VectorSample } from '../types.js';
import { alertLabels, fingerprint } from './fingerprint.js';
import { expandAll } from './template.js';
import type { ActiveAlert } from './types.js';

/** The state one rule evaluation starts from. */
export interface RulePlanInput {
  rule: CompiledAlertRule;
  ruleKey: string;
  /** The rule's open alerts by fingerprint. */
  open: ReadonlyMap<string, ActiveAlert>;
  /** Fingerprints of the rule's manually resolved alerts whose condition has not cleared since. */
  awaitingClear: ReadonlySet<string>;
  samples: VectorSample[];
  nowMs: number;
  /** True when an identity is already open under another rule; such series are skipped. */
  isTaken?: (fingerprint: string) => boolean;
  /**
   * False when the source held only part of the rule's window (after a restart): a series
   * missing from `samples` proves nothing then, so open alerts not returned are kept as they
   * are (no drop, no resolution, no keep-firing hold) and none is cleared. @defaultValue true
   */
  decisive?: boolean;
}

/** One state change, for history. */
export interface Transition {
  alert: ActiveAlert;
  from: AlertState;
  to: AlertState;
}

/** What one evaluation changes; `next` becomes the rule's open alerts once persisted. */
export interface RulePlan {
  next: Map<string, ActiveAlert>;
  /** New instances (state pending, or firing with `for: 0`); their `id` is empty until stored. */
  inserts: ActiveAlert[];
  /** Open instances whose state or keep-firing hold changed. */
  updates: ActiveAlert[];
  /** Open instances whose only change is a new value (one bulk write). */
  touches: ActiveAlert[];
  /** Pending instances whose condition stopped: forgotten. */
  drops: ActiveAlert[];
  /** Firing instances resolved automatically. */
  resolves: ActiveAlert[];
  transitions: Transition[];
  /** Awaiting-clear fingerprints whose condition stopped: they may fire again. */
  cleared: string[];
  /** Series not raised because their alert was resolved by hand and has not cleared. */
  suppressed: number;
  /** Series not raised because another rule already holds their identity. */
  conflicts: number;
}

/** Plans one evaluation of `input.rule` over the series its expression returned. */
export function planRule(input: RulePlanInput): RulePlan {
  const { rule, ruleKey, open, awaitingClear, samples, nowMs } = input;
  const plan: RulePlan = {
    next: new Map(), inserts: [], updates: [], touches: [], drops: [], resolves: [], transitions: [], cleared: [], suppressed: 0, conflicts: 0,
  };
  const threshold = rule.threshold ? { name: rule.threshold.name, value: rule.threshold.value } : undefined;
  const seen = new Set<string>();
  for (const sample of samples) {
    const ruleLabels = hasTemplate(rule.labels)
      ? expandAll(rule.labels, { value: sample.value, labels: sample.labels, threshold: threshold?.value })
      : rule.labels;
    const labels = alertLabels(rule, sample.labels, ruleLabels);
    const fp = fingerprint(labels);
    // Prometheus rejects the evaluation too: two series would be one alert with two values.
    if (seen.has(fp)) throw new Error(`rule ${rule.name}: two series have the same labels once alert labels are applied: ${JSON.stringify(labels)}`);
    seen.add(fp);
    if (awaitingClear.has(fp)) {
      plan.suppressed++;
      continue;
    }
    const annotations = expandAll(rule.annotations, { value: sample.value, labels, threshold: threshold?.value });
    const before = open.get(fp);
    if (!before && input.isTaken?.(fp)) {
      plan.conflicts++;
      continue;
    }
    if (!before) {
      const alert: ActiveAlert = {
        id: '', fingerprint: fp, ruleKey, group: rule.group, alertname: rule.name, severity: rule.severity, labels, annotations,
        state: 'pending', value: sample.value, activeAtMs: nowMs, lastEvalAtMs: nowMs, threshold,
      };
      plan.transitions.push({ alert, from: 'inactive', to: 'pending' });
      if (rule.forMs <= 0) fire(alert, nowMs, plan);
      plan.inserts.push(alert);
      plan.next.set(fp, alert);
      continue;
    }
    const alert: ActiveAlert = { ...before, annotations, value: sample.value, lastEvalAtMs: nowMs, threshold };
    const wasHeld = before.keepFiringSinceMs !== undefined;
    delete alert.keepFiringSinceMs;
    if (alert.state === 'pending' && nowMs - alert.activeAtMs >= rule.forMs) {
      fire(alert, nowMs, plan);
      plan.updates.push(alert);
    } else if (wasHeld) plan.updates.push(alert);
    else plan.touches.push(alert);
    plan.next.set(fp, alert);
  }
  const decisive = input.decisive ?? true;
  for (const [fp, before] of open) {
    if (seen.has(fp)) continue;
    if (!decisive) {
      plan.next.set(fp, before);
      continue;
    }
    if (before.state === 'pending') {
      plan.drops.push(before);
      plan.transitions.push({ alert: before, from: 'pending', to: 'inactive' });
      continue;
    }
    const since = before.keepFiringSinceMs ?? nowMs;
    if (rule.keepFiringForMs > 0 && nowMs - since < rule.keepFiringForMs) {
      const held: ActiveAlert = { ...before, keepFiringSinceMs: since, lastEvalAtMs: nowMs };
      (before.keepFiringSinceMs === undefined ? plan.updates : plan.touches).push(held);
      plan.next.set(fp, held);
      continue;
    }
    const resolved: ActiveAlert = { ...before, lastEvalAtMs: nowMs };
    plan.resolves.push(resolved);
    plan.transitions.push({ alert: resolved, from: 'firing', to: 'resolved' });
  }
  if (decisive) for (const fp of awaitingClear) if (!seen.has(fp)) plan.cleared.push(fp);
  return plan;
}

function fire(alert: ActiveAlert, nowMs: number, plan: RulePlan): void {
  alert.state = 'firing';
  alert.firedAtMs = nowMs;
  plan.transitions.push({ alert, from: 'pending', to: 'firing' });
}

function hasTemplate(labels: Record<string, string>): boolean {
  for (const v of Object.values(labels)) if (v.includes('{{')) return true;
  return false;
}
