// Hot reload of the rule directory: fs.watch, a debounce, and a content hash so a touch or an
// editor's save-in-two-steps reloads once. A broken change is rejected and reported; the last
// good rule set keeps running. The watch loop never throws.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { Counter } from '@opentelemetry/api';
import { logger } from '../../log/index.js';
import { counter, gauge, RULES_METRICS } from '../../metrics/index.js';
import type { CompiledRuleSet, RuleFileError } from '../types.js';
import { compileRuleSet } from './compile.js';
import { listRuleFiles, loadRuleTexts, type LoadOptions } from './load.js';
import type { ParsedRuleFiles } from './model.js';
import { applyThresholdOverrides, type ThresholdOverrides } from './thresholds.js';

/** Options of {@link RuleFileWatcher}. */
export interface RuleFileWatcherOptions extends LoadOptions {
  /** The rule directory. */
  dir: string;
  /** Quiet time after the last change event before reloading. @defaultValue 200 */
  debounceMs?: number;
  /** Runtime threshold levels over the files' values. @defaultValue {} */
  thresholdOverrides?: ThresholdOverrides;
  /** Called with each newly applied rule set (not for rejected changes). @defaultValue none */
  onChange?: (ruleSet: CompiledRuleSet) => void;
}

/** The last rejected load: when, and every problem. */
export interface ReloadFailure {
  at: Date;
  errors: RuleFileError[];
}

/** Watches a rule directory and keeps the last good compiled rule set. */
export class RuleFileWatcher {
  readonly #options: Required<Omit<RuleFileWatcherOptions, 'checkExpr'>> & LoadOptions;
  #watcher: fs.FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  #hash = '';
  #parsed: ParsedRuleFiles | undefined;
  #ruleSet: CompiledRuleSet | undefined;
  #lastError: ReloadFailure | undefined;
  #reloading: Promise<void> = Promise.resolve();
  #failures: Counter | undefined;
  #lastOk = 0;

  constructor(options: RuleFileWatcherOptions) {
    if (!options.dir) throw new TypeError('RuleFileWatcher: `dir` is required');
    const debounceMs = options.debounceMs ?? 200;
    if (!Number.isFinite(debounceMs) || debounceMs < 0) throw new RangeError(`RuleFileWatcher: debounceMs must be >= 0, got ${debounceMs}`);
    this.#options = { thresholdOverrides: {}, onChange: () => {}, ...options, debounceMs };
  }

  /** Loads the rules once and starts watching; resolves with the first load's outcome. */
  async start(): Promise<{ ok: true; ruleSet: CompiledRuleSet } | { ok: false; errors: RuleFileError[] }> {
    this.#instruments();
    await this.reload();
    try {
      this.#watcher = fs.watch(this.#options.dir, () => this.#schedule());
      this.#watcher.on('error', (err) => this.#reportWatchError(err));
    } catch (err) {
      this.#reportWatchError(err as Error);
    }
    return this.#ruleSet && !this.#lastError ? { ok: true, ruleSet: this.#ruleSet } : { ok: false, errors: this.#lastError?.errors ?? [] };
  }

  /** The rule set in force (the last good one), if any load has succeeded. */
  current(): CompiledRuleSet | undefined {
    return this.#ruleSet;
  }

  /** The last rejected change, cleared by the next good one; for the API and `readyz`. */
  lastError(): ReloadFailure | undefined {
    return this.#lastError;
  }

  /**
   * Applies new threshold levels to the running rules (no file read); returns the errors when an
   * override is invalid, leaving the rules as they were.
   */
  setThresholdOverrides(overrides: ThresholdOverrides): { ok: true; ruleSet: CompiledRuleSet } | { ok: false; errors: RuleFileError[] } {
    if (!this.#parsed) return { ok: false, errors: [{ file: this.#options.dir, line: 1, reason: 'no rule set loaded yet' }] };
    const thresholds = applyThresholdOverrides(this.#parsed.thresholds, overrides);
    if (!thresholds.ok) return thresholds;
    const compiled = compileRuleSet(this.#parsed, thresholds.thresholds);
    if (!compiled.ok) return compiled;
    this.#options.thresholdOverrides = overrides;
    this.#apply(compiled.ruleSet);
    return compiled;
  }

  /** Reads the directory now; a change that does not load is rejected and reported. Never throws. */
  reload(): Promise<void> {
    this.#reloading = this.#reloading.then(() => this.#reloadOnce()).catch((err: Error) => this.#reject([{ file: this.#options.dir, line: 1, reason: err.message }]));
    return this.#reloading;
  }

  /** Stops watching; pending reloads finish. */
  async close(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#watcher?.close();
    this.#watcher = undefined;
    await this.#reloading;
  }

  #schedule(): void {
    if (!this.#watcher) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.reload(), this.#options.debounceMs);
  }

  async #reloadOnce(): Promise<void> {
    const files = await listRuleFiles(this.#options.dir);
    const texts = await Promise.all(files.map(async (file) => ({ file, text: await fs.promises.readFile(file, 'utf8').catch((e: Error) => e) })));
    const hash = createHash('sha256');
    for (const t of texts) hash.update(t.file).update('\0').update(t.text instanceof Error ? t.text.message : t.text).update('\0');
    const digest = hash.digest('hex');
    if (digest === this.#hash) return;
    this.#hash = digest;
    const result = files.length === 0
      ? { ok: false as const, errors: [{ file: this.#options.dir, line: 1, reason: 'no *.yaml rule files' }] }
      : loadRuleTexts(texts, this.#options.thresholdOverrides, this.#options);
    if (!result.ok) return this.#reject(result.errors);
    this.#parsed = result.parsed;
    this.#apply(result.ruleSet);
  }

  #apply(ruleSet: CompiledRuleSet): void {
    const first = this.#ruleSet === undefined;
    this.#ruleSet = ruleSet;
    this.#lastError = undefined;
    this.#lastOk = 1;
    logger().info({ version: ruleSet.version, files: ruleSet.files.length, groups: ruleSet.groups.length }, first ? 'rules loaded' : 'rules reloaded');
    try {
      this.#options.onChange(ruleSet);
    } catch (err) {
      logger().error({ err }, 'rules onChange callback failed');
    }
  }

  #reject(errors: RuleFileError[]): void {
    this.#lastError = { at: new Date(), errors };
    this.#lastOk = 0;
    this.#failures?.add(1);
    const kept = this.#ruleSet ? `keeping version ${this.#ruleSet.version}` : 'no rules in force';
    logger().error({ errors: errors.map((e) => `${e.file}:${e.line}: ${e.reason}`) }, `rule change rejected, ${kept}`);
  }

  #reportWatchError(err: Error): void {
    logger().error({ err: err.message, dir: this.#options.dir }, 'cannot watch the rule directory; hot reload is off');
  }

  // Made at start, after the SDK installed its MeterProvider (a no-op provider's instruments stay no-ops).
  #instruments(): void {
    this.#failures = counter(RULES_METRICS.reloadFailures);
    gauge(RULES_METRICS.lastReloadSuccess).addCallback((r) => r.observe(this.#lastOk));
  }
}
