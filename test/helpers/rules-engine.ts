// Test doubles and builders for the rules engine: a query source answering scripted vectors
// (the engine's input, not the engine), a receiver that keeps what it is sent, and rule builders.
import type { AlertNotification, Notifier } from '../../src/rules/notify/types.js';
import type { CompiledAlertRule, CompiledGroup, CompiledRecordingRule, CompiledRuleSet, QuerySource, VectorSample } from '../../src/rules/types.js';

type Answer = VectorSample[] | Error | ((timeMs: number) => VectorSample[] | Promise<VectorSample[]>);

/** A QuerySource whose answer per expression is set by the test. Unset expressions answer []. */
export class ScriptedSource implements QuerySource {
  readonly name: 'prometheus' | 'embedded';
  readonly calls: Array<{ expr: string; timeMs: number }> = [];
  private readonly answers = new Map<string, Answer>();

  constructor(name: 'prometheus' | 'embedded' = 'prometheus') {
    this.name = name;
  }

  /** Sets what `expr` answers from now on. */
  set(expr: string, answer: Answer): this {
    this.answers.set(expr, answer);
    return this;
  }

  check(): void {}

  async query(expr: string, timeMs: number): Promise<VectorSample[]> {
    this.calls.push({ expr, timeMs });
    const answer = this.answers.get(expr) ?? [];
    if (answer instanceof Error) throw answer;
    const samples = typeof answer === 'function' ? await answer(timeMs) : answer;
    return samples.map((s) => ({ labels: { ...s.labels }, value: s.value }));
  }
}

/** A receiver that keeps every batch it is sent. */
export class CollectingNotifier implements Notifier {
  readonly batches: AlertNotification[][] = [];
  constructor(readonly name = 'collector') {}

  async send(alerts: AlertNotification[]): Promise<void> {
    this.batches.push(alerts);
  }

  /** Every alert sent, flattened, as `status alertname` strings. */
  get sent(): string[] {
    return this.batches.flat().map((a) => `${a.status} ${a.labels.alertname}`);
  }
}

/** A compiled alert rule with test defaults. */
export function alertRule(over: Partial<CompiledAlertRule> & { name: string; expr: string }): CompiledAlertRule {
  const severity = over.severity ?? 'warning';
  return {
    kind: 'alert',
    group: 'test',
    forMs: 0,
    keepFiringForMs: 0,
    annotations: {},
    source: { file: 'test.yml', line: 1 },
    ...over,
    severity,
    labels: { severity, ...over.labels },
  };
}

/** A compiled recording rule. */
export function recordingRule(record: string, expr: string, labels: Record<string, string> = {}): CompiledRecordingRule {
  return { kind: 'record', group: 'test', record, expr, labels };
}

/** A rule set of one group `test` (or the given groups). */
export function ruleSetOf(rules: Array<CompiledAlertRule | CompiledRecordingRule>, groups?: CompiledGroup[]): CompiledRuleSet {
  return {
    version: 'test',
    groups: groups ?? [{ name: 'test', intervalMs: 15_000, rules }],
    thresholds: [],
    recommendations: [],
    files: [],
  };
}

/** One sample. */
export const sample = (value: number, labels: Record<string, string> = {}): VectorSample => ({ labels, value });

/** A settable clock. */
export function testClock(startMs = Date.parse('2025-01-20T10:00:00Z')) {
  let now = startMs;
  return {
    now: () => now,
    set: (ms: number) => void (now = ms),
    advance: (ms: number) => (now += ms),
  };
}
