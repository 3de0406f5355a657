// Options of the rules service, their defaults and their validation.
import type { Database } from '../db/index.js';
import type { AlertStore } from './engine/store.js';
import type { NotifierQueueOptions } from './notify/queue.js';
import type { Notifier } from './notify/types.js';
import type { CompiledAlertRule, CompiledRuleSet, QuerySource, VectorSample } from './types.js';

/** Options of {@link RulesService}. */
export interface RulesServiceOptions {
  /** Postgres holding alert state (migration 010); absent keeps state in memory only. */
  db?: Database;
  /** A store of one's own; overrides `db` for state (the leader lock still needs `db`). */
  store?: AlertStore;
  source: QuerySource;
  /** The current rule set, read at every evaluation (reloads and threshold changes apply at once). */
  ruleSet: () => CompiledRuleSet;
  /** @defaultValue [] */
  notifiers?: Notifier[];
  /** The same alert in the same state is not re-notified within it (seed 002). @defaultValue 300000 */
  dedupWindowMs?: number;
  /** Time source (ms since epoch). @defaultValue Date.now */
  clock?: () => number;
  /** Queries of one group in flight at most. @defaultValue 4 */
  maxConcurrentQueries?: number;
  /** Advisory-lock leadership among replicas (needs `db`); false runs as leader. @defaultValue { key: RULES_LOCK_KEY, retryMs: 3000 } with `db` */
  leaderLock?: { key?: number; retryMs?: number } | false;
  /** Retry and queue bounds of every receiver. @defaultValue NotifierQueue's defaults */
  notifierQueue?: NotifierQueueOptions;
  /** Where users reach this service: the generatorURL of alerts when `generatorUrl` is not given. @defaultValue 'http://localhost:8080' */
  externalUrl?: string;
  /**
   * The generatorURL of a rule's alerts (the page showing them; the HTTP layer knows its
   * routes, this package does not). @defaultValue externalUrl
   */
  generatorUrl?: (rule: CompiledAlertRule | undefined) => string;
  /** How long a firing notification stays valid without a repeat (Alertmanager's endsAt). @defaultValue 4 × dedupWindowMs */
  validForMs?: number;
  /** Evaluate recording rules. @defaultValue true with the embedded source (Prometheus records them itself) */
  evaluateRecordingRules?: boolean;
  /** Receives every recording rule result, e.g. to feed it back to the embedded evaluator. */
  onRecorded?: (name: string, samples: VectorSample[], timeMs: number) => void;
  /** How often group changes, removed rules and silences are picked up. @defaultValue 5000 */
  syncMs?: number;
}

/** Checks `options`; throws naming the first bad option. */
export function validateOptions(o: RulesServiceOptions): void {
  const positive = (name: string, v: unknown) => {
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
      throw new Error(`RulesService: ${name} must be a positive number, got ${JSON.stringify(v)}`);
    }
  };
  if (!o || typeof o !== 'object') throw new Error('RulesService: options are required');
  if (!o.source || typeof o.source.query !== 'function') throw new Error('RulesService: source must be a QuerySource (with query())');
  if (typeof o.ruleSet !== 'function') throw new Error('RulesService: ruleSet must be a function returning the CompiledRuleSet');
  if (o.notifiers !== undefined && !Array.isArray(o.notifiers)) throw new Error('RulesService: notifiers must be an array');
  const names = new Set<string>();
  for (const n of o.notifiers ?? []) {
    if (names.has(n.name)) throw new Error(`RulesService: two notifiers are named ${JSON.stringify(n.name)}; names label metrics and must be unique`);
    names.add(n.name);
  }
  positive('dedupWindowMs', o.dedupWindowMs);
  positive('validForMs', o.validForMs);
  positive('syncMs', o.syncMs);
  if (o.maxConcurrentQueries !== undefined && !(Number.isInteger(o.maxConcurrentQueries) && o.maxConcurrentQueries >= 1)) {
    throw new Error(`RulesService: maxConcurrentQueries must be an integer >= 1, got ${o.maxConcurrentQueries}`);
  }
  if (o.clock !== undefined && typeof o.clock !== 'function') throw new Error('RulesService: clock must be a function returning ms');
  if (o.leaderLock && !o.db) throw new Error('RulesService: leaderLock needs db (the lock is a Postgres advisory lock)');
}
