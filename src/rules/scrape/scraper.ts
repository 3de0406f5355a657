// Scrapes `/metrics` targets into a SeriesStore on an interval, as Prometheus would: `job` and
// `instance` labels, an `up` series per target, staleness markers for series that vanish, and
// failures that are logged once per state change and counted but never thrown. The targets
// come from the caller (the composition root reads the configuration), never from the
// environment.
import type { Counter, ObservableCallback, ObservableGauge } from '@opentelemetry/api';
import { logger } from '../../log/index.js';
import { counter, gauge, RULES_METRICS } from '../../metrics/index.js';
import type { Labels } from '../types.js';
import { parseExposition } from './exposition.js';
import { labelsKey, METRIC_NAME } from './labels.js';
import type { SeriesStore } from './store.js';

/** One scrape target. */
export interface ScrapeTarget {
  url: string;
  /** The `job` label. @defaultValue 'foresight' */
  job?: string;
}

/** Options of {@link Scraper}. */
export interface ScraperOptions {
  store: SeriesStore;
  /** At least one; a string is a URL with the default job. */
  targets: Array<string | ScrapeTarget>;
  /** @defaultValue 15_000 */
  intervalMs?: number;
  /** Per-scrape timeout. @defaultValue min(10_000, intervalMs) */
  timeoutMs?: number;
  /** Clock in ms, replaceable in tests. @defaultValue Date.now */
  now?: () => number;
}

/** How one target fared at its last scrape, as Prometheus's targets page shows it. */
export interface ScrapeTargetStatus {
  url: string;
  job: string;
  instance: string;
  /** `unknown` until the first scrape ends. */
  health: 'up' | 'down' | 'unknown';
  /** Why the last scrape failed, when it did. */
  lastError?: string;
  /** When the last scrape started (ms since epoch). */
  lastScrapeMs?: number;
  /** Failed scrapes since start. */
  failures: number;
}

interface TargetState {
  url: string;
  job: string;
  instance: string;
  /** Keys of the series the last successful scrape returned, to mark the vanished ones stale. */
  seen: Set<string>;
  healthy: boolean | undefined;
  lastError?: string;
  lastScrapeMs?: number;
}

let failuresCounter: Counter | undefined;
function failures(): Counter {
  failuresCounter ??= counter(RULES_METRICS.scrapeFailures);
  return failuresCounter;
}

// Why a scrape failed, in words a user can act on: fetch hides the socket error in `cause`.
function reason(err: unknown): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timed out';
  return e.cause?.message ? `${e.message}: ${e.cause.message}` : e.message;
}

/** Periodic scraper feeding a {@link SeriesStore}. */
export class Scraper {
  readonly intervalMs: number;
  private readonly store: SeriesStore;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly targets: TargetState[];
  private readonly failureCounts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private upGauge: { gauge: ObservableGauge; callback: ObservableCallback } | undefined;

  constructor(options: ScraperOptions) {
    const { store, targets, intervalMs = 15_000, now = Date.now } = options;
    if (!Array.isArray(targets) || targets.length === 0) throw new Error('Scraper: targets must list at least one /metrics URL');
    if (!(intervalMs > 0)) throw new Error(`Scraper: intervalMs must be > 0, got ${intervalMs}`);
    const timeoutMs = options.timeoutMs ?? Math.min(10_000, intervalMs);
    if (!(timeoutMs > 0)) throw new Error(`Scraper: timeoutMs must be > 0, got ${timeoutMs}`);
    this.store = store;
    this.intervalMs = intervalMs;
    this.timeoutMs = timeoutMs;
    this.now = now;
    this.targets = targets.map((t) => {
      const target = typeof t === 'string' ? { url: t } : t;
      let instance: string;
      try {
        instance = new URL(target.url).host;
      } catch {
        throw new Error(`Scraper: invalid target URL ${JSON.stringify(target.url)}`);
      }
      return { url: target.url, job: target.job ?? 'foresight', instance, seen: new Set<string>(), healthy: undefined };
    });
  }

  /** Failed scrapes per target URL since start. */
  failuresOf(url: string): number {
    return this.failureCounts.get(url) ?? 0;
  }

  /** Each target's health, as of its last scrape. */
  targetStatus(): ScrapeTargetStatus[] {
    return this.targets.map((t) => ({
      url: t.url,
      job: t.job,
      instance: t.instance,
      health: t.healthy === undefined ? 'unknown' : t.healthy ? 'up' : 'down',
      ...(t.lastError ? { lastError: t.lastError } : {}),
      ...(t.lastScrapeMs ? { lastScrapeMs: t.lastScrapeMs } : {}),
      failures: this.failuresOf(t.url),
    }));
  }

  /** Starts scraping now and then every `intervalMs`; a second call is a no-op. */
  start(): void {
    if (this.timer) return;
    this.observeHealth();
    // Each target's failures from zero, so a rate over them reads 0 (not "no data") while it is up.
    for (const t of this.targets) failures().add(0, { target: t.url, job: t.job });
    const tick = () => {
      this.inFlight = this.scrapeOnce().finally(() => (this.inFlight = undefined));
    };
    this.timer = setInterval(tick, this.intervalMs);
    this.timer.unref();
    tick();
  }

  /** Stops the loop and waits for a scrape in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.upGauge?.gauge.removeCallback(this.upGauge.callback);
    this.upGauge = undefined;
    await this.inFlight;
  }

  /** Scrapes every target once; never throws. */
  async scrapeOnce(): Promise<void> {
    await Promise.all(this.targets.map((t) => this.scrapeTarget(t)));
  }

  private async scrapeTarget(target: TargetState): Promise<void> {
    const start = this.now();
    const base = { job: target.job, instance: target.instance };
    try {
      const res = await fetch(target.url, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const exposition = parseExposition(await res.text());
      const seen = new Set<string>();
      for (const sample of exposition.samples) {
        const labels = withTargetLabels(sample.labels, base);
        const key = labelsKey(labels);
        seen.add(key);
        this.store.append(labels, sample.timestampMs ?? start, sample.value);
      }
      for (const key of target.seen) if (!seen.has(key)) this.store.markStale(key, start);
      target.seen = seen;
      this.report(target, start, 1, exposition.samples.length);
      if (target.healthy !== true) {
        logger().info({ target: target.url, job: target.job, samples: exposition.samples.length }, 'rules scrape target up');
      }
      target.healthy = true;
      target.lastError = undefined;
    } catch (err) {
      // A target that is down yields no data; its series go stale as Prometheus marks them.
      for (const key of target.seen) this.store.markStale(key, start);
      target.seen = new Set();
      this.report(target, start, 0, 0);
      this.failureCounts.set(target.url, this.failuresOf(target.url) + 1);
      failures().add(1, { target: target.url, job: target.job });
      target.lastError = reason(err);
      if (target.healthy !== false) {
        logger().warn({ target: target.url, job: target.job, err: target.lastError }, 'rules scrape target down');
      }
      target.healthy = false;
    }
    target.lastScrapeMs = start;
    this.store.gc(start);
  }

  // `rules_scrape_target_up{target,job,instance}` on this process's own /metrics: the `up` the
  // evaluator sees, for whoever watches the watcher (1 up, 0 down, absent before the first scrape).
  private observeHealth(): void {
    const up = gauge(RULES_METRICS.scrapeTargetUp);
    const callback: ObservableCallback = (r) => {
      for (const t of this.targets) {
        if (t.healthy !== undefined) r.observe(t.healthy ? 1 : 0, { target: t.url, job: t.job, instance: t.instance });
      }
    };
    up.addCallback(callback);
    this.upGauge = { gauge: up, callback };
  }

  // The synthetic series Prometheus writes per scrape.
  private report(target: TargetState, start: number, up: number, samples: number): void {
    const base = { job: target.job, instance: target.instance };
    this.store.append({ [METRIC_NAME]: 'up', ...base }, start, up);
    this.store.append({ [METRIC_NAME]: 'scrape_duration_seconds', ...base }, start, (this.now() - start) / 1000);
    this.store.append({ [METRIC_NAME]: 'scrape_samples_scraped', ...base }, start, samples);
  }
}

// Adds job/instance; a scraped label of the same name is kept as exported_<name> (honor_labels: false).
function withTargetLabels(labels: Labels, base: Labels): Labels {
  const out: Labels = { ...labels };
  for (const [name, value] of Object.entries(base)) {
    if (name in out) out[`exported_${name}`] = out[name]!;
    out[name] = value;
  }
  return out;
}
