// The bounded in-memory time-series store the embedded evaluator reads: one ring buffer per
// series, trimmed to a retention window, and a global series limit so a label explosion in a
// scraped app cannot exhaust this process's memory.
import type { Labels } from '../types.js';
import { SampleRing } from './ring.js';
import { compareLabels, labelsKey, METRIC_NAME } from './labels.js';

/** Options of {@link SeriesStore}. */
export interface SeriesStoreOptions {
  /** How long samples are kept. @defaultValue 3_600_000 (1 h) */
  retentionMs?: number;
  /** Series held at most; new series beyond it are dropped and counted. @defaultValue 50_000 */
  maxSeries?: number;
}

/** One series: its labels (`__name__` included) and its samples. */
export interface StoredSeries {
  readonly key: string;
  /**
   * A small integer no other series held holds; freed ids are given again, but only after the
   * store's dataVersion changed, so per-version caches may index arrays by it.
   */
  readonly id: number;
  readonly labels: Readonly<Labels>;
  /** `labels` without `__name__` (the labels themselves when there is none): what rate() etc. return. */
  readonly unnamed: Readonly<Labels>;
  readonly samples: SampleRing;
}

/** What one {@link SeriesStore.ingest} call did. */
export interface IngestResult {
  appended: number;
  /** Samples of new series refused by the series limit. */
  droppedSeries: number;
  /** Samples not newer than their series' last sample. */
  outOfOrder: number;
}

/** Series indexed by metric name, each bounded by retention, all bounded by a series limit. */
export class SeriesStore {
  readonly retentionMs: number;
  readonly maxSeries: number;
  private readonly byKey = new Map<string, StoredSeries>();
  private readonly byName = new Map<string, { series: StoredSeries[]; sorted: boolean }>();
  private dropped = 0;
  private version = 0;
  private seriesVersion = 0;
  private readonly selections = new Map<string, { version: number; series: readonly StoredSeries[] }>();
  private lastGcMs = -Infinity;
  private readonly freeIds: number[] = [];
  private nextId = 0;
  private firstMs: number | undefined;

  constructor(options: SeriesStoreOptions = {}) {
    const { retentionMs = 3_600_000, maxSeries = 50_000 } = options;
    if (!(retentionMs > 0)) throw new Error(`SeriesStore: retentionMs must be > 0, got ${retentionMs}`);
    if (!Number.isInteger(maxSeries) || maxSeries < 1) {
      throw new Error(`SeriesStore: maxSeries must be a positive integer, got ${maxSeries}`);
    }
    this.retentionMs = retentionMs;
    this.maxSeries = maxSeries;
  }

  /** Series currently held. */
  get seriesCount(): number {
    return this.byKey.size;
  }

  /** Every series id is below this (an array indexed by id needs no more room). */
  get seriesIdBound(): number {
    return this.nextId;
  }

  /** Timestamp of the first sample ever appended (undefined while empty since start): what this process has seen begins there. */
  get firstSampleMs(): number | undefined {
    return this.firstMs;
  }

  /** Samples refused since start because their series would exceed the series limit. */
  get droppedSeriesTotal(): number {
    return this.dropped;
  }

  /** Appends one sample per entry at `timestampMs` (labels carry `__name__`). */
  ingest(samples: ReadonlyArray<{ labels: Labels; value: number }>, timestampMs: number): IngestResult {
    const result: IngestResult = { appended: 0, droppedSeries: 0, outOfOrder: 0 };
    for (const s of samples) {
      const outcome = this.append(s.labels, timestampMs, s.value);
      if (outcome === 'appended') result.appended++;
      else if (outcome === 'dropped') result.droppedSeries++;
      else result.outOfOrder++;
    }
    this.gc(timestampMs);
    return result;
  }

  /** Appends one sample; says whether it was kept, refused by the limit, or out of order. */
  append(labels: Labels, timestampMs: number, value: number): 'appended' | 'dropped' | 'out-of-order' {
    const series = this.seriesFor(labels);
    if (!series) return 'dropped';
    return this.appendTo(series, timestampMs, value) ? 'appended' : 'out-of-order';
  }

  /**
   * The series of `labels`, created when new; undefined (and counted) when the series limit
   * refuses it. Lets a writer of many samples per series skip the per-sample key.
   */
  seriesFor(labels: Labels): StoredSeries | undefined {
    // Prometheus treats an empty label value as an absent label; store it that way.
    if (Object.values(labels).includes('')) labels = Object.fromEntries(Object.entries(labels).filter(([, v]) => v !== ''));
    const key = labelsKey(labels);
    let series = this.byKey.get(key);
    if (!series) {
      if (this.byKey.size >= this.maxSeries) {
        this.dropped++;
        return undefined;
      }
      const { [METRIC_NAME]: name, ...unnamed } = labels;
      const frozen = Object.freeze({ ...labels });
      const id = this.freeIds.pop() ?? this.nextId++;
      series = { key, id, labels: frozen, unnamed: name === undefined ? frozen : Object.freeze(unnamed), samples: new SampleRing() };
      this.add(series);
    }
    return series;
  }

  /** Appends to a series from {@link seriesFor}; false when out of order. */
  appendTo(series: StoredSeries, timestampMs: number, value: number): boolean {
    if (!series.samples.push(timestampMs, value)) return false;
    if (this.firstMs === undefined || timestampMs < this.firstMs) this.firstMs = timestampMs;
    series.samples.evictBefore(timestampMs - this.retentionMs);
    this.version++;
    return true;
  }

  /** Writes a staleness marker so instant selectors stop returning the series from `timestampMs` on. */
  markStale(key: string, timestampMs: number): void {
    const series = this.byKey.get(key);
    if (series && series.samples.size > 0 && !series.samples.staleAt(series.samples.size - 1)) {
      if (series.samples.push(timestampMs, Number.NaN, true)) this.version++;
    }
  }

  /** The series of one metric name, in Prometheus's label order. */
  seriesNamed(name: string): readonly StoredSeries[] {
    const entry = this.byName.get(name);
    if (!entry) return [];
    if (!entry.sorted) {
      entry.series.sort((a, b) => compareLabels(a.labels, b.labels));
      entry.sorted = true;
    }
    return entry.series;
  }

  /** A counter that changes whenever any sample or series is added or removed (a cache stamp). */
  get dataVersion(): number {
    return this.version;
  }

  /**
   * Memoises a selection of series under `key` until the set of series changes, so that rules
   * sharing a selector filter the label index once rather than once per rule.
   */
  selectCached(key: string, select: () => readonly StoredSeries[]): readonly StoredSeries[] {
    const hit = this.selections.get(key);
    if (hit && hit.version === this.seriesVersion) return hit.series;
    const series = select();
    if (this.selections.size > 10_000) this.selections.clear();
    this.selections.set(key, { version: this.seriesVersion, series });
    return series;
  }

  /** Every metric name held. */
  metricNames(): string[] {
    return [...this.byName.keys()];
  }

  /** Removes series with no sample inside the retention window ending at `nowMs`. */
  gc(nowMs: number): void {
    // A sweep costs one pass over all series; once a minute of data time is plenty.
    if (nowMs - this.lastGcMs < 60_000) return;
    this.lastGcMs = nowMs;
    const minTime = nowMs - this.retentionMs;
    for (const series of this.byKey.values()) {
      series.samples.evictBefore(minTime);
      if (series.samples.size === 0) this.remove(series);
    }
  }

  private add(series: StoredSeries): void {
    this.seriesVersion++;
    this.byKey.set(series.key, series);
    const name = series.labels[METRIC_NAME] ?? '';
    let entry = this.byName.get(name);
    if (!entry) this.byName.set(name, (entry = { series: [], sorted: true }));
    entry.series.push(series);
    entry.sorted = false;
  }

  private remove(series: StoredSeries): void {
    this.seriesVersion++;
    this.version++;
    this.byKey.delete(series.key);
    this.freeIds.push(series.id);
    const name = series.labels[METRIC_NAME] ?? '';
    const entry = this.byName.get(name);
    if (!entry) return;
    entry.series = entry.series.filter((s) => s !== series);
    if (entry.series.length === 0) this.byName.delete(name);
  }
}
