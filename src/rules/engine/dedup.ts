// Notification dedup (seed 002: a 5-minute window). The same alert in the same state is not
// sent twice within the window; a firing alert is sent again once the window has passed, the
// repeat sends Alertmanager expects to keep an alert alive. A resolved notification is sent once
// after a firing one, whatever the window, so a receiver never keeps an alert that stopped.

/** The state a notification announced. */
export type NotifiedState = 'firing' | 'resolved';

/** When each fingerprint was last announced in each state. */
export class NotificationLedger {
  private readonly sent = new Map<string, { firing?: number; resolved?: number }>();

  constructor(/** The dedup window. */ readonly windowMs: number) {}

  /** Records a send (or one restored from storage). */
  record(fingerprint: string, state: NotifiedState, atMs: number): void {
    const entry = this.sent.get(fingerprint) ?? {};
    entry[state] = Math.max(entry[state] ?? -Infinity, atMs);
    this.sent.set(fingerprint, entry);
  }

  /** True when a firing notification of `fingerprint` is due at `nowMs`. */
  firingDue(fingerprint: string, nowMs: number): boolean {
    const at = this.sent.get(fingerprint)?.firing;
    return at === undefined || nowMs - at >= this.windowMs;
  }

  /** True when receivers were last told `fingerprint` fires, so its resolution must be sent. */
  resolvedDue(fingerprint: string): boolean {
    const entry = this.sent.get(fingerprint);
    return entry?.firing !== undefined && (entry.resolved === undefined || entry.resolved < entry.firing);
  }

  /** Forgets entries older than the window whose alert is no longer open (bounded memory). */
  prune(nowMs: number, isOpen: (fingerprint: string) => boolean): void {
    for (const [fp, entry] of this.sent) {
      const last = Math.max(entry.firing ?? -Infinity, entry.resolved ?? -Infinity);
      if (nowMs - last >= this.windowMs && !isOpen(fp)) this.sent.delete(fp);
    }
  }

  /** Number of fingerprints remembered. */
  get size(): number {
    return this.sent.size;
  }
}
