// Label values that come from clients (an alert webhook's `receiver`) become metric series, one
// per distinct value: unbounded, any client can grow /metrics without limit. Here the first
// `maxValues` distinct values keep their name (cut to `maxLength`), every later one is `other`.

/** A bounded set of values for one metric label. */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(
    private readonly maxValues = 20,
    private readonly maxLength = 64,
  ) {
    if (!Number.isInteger(maxValues) || maxValues < 1) throw new Error(`BoundedLabel: maxValues must be a positive integer, got ${maxValues}`);
    if (!Number.isInteger(maxLength) || maxLength < 1) throw new Error(`BoundedLabel: maxLength must be a positive integer, got ${maxLength}`);
  }

  /** The value to record for `raw`. */
  value(raw: string): string {
    const v = raw.length > this.maxLength ? raw.slice(0, this.maxLength) : raw;
    if (this.seen.has(v)) return v;
    if (this.seen.size >= this.maxValues) return 'other';
    this.seen.add(v);
    return v;
  }
}
