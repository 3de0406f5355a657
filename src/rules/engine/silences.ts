// Silence matching, as Alertmanager's matchers: `=`, `!=`, `=~`, `!~`, regexes anchored.
import type { Labels } from '../types.js';
import { matches } from './matchers.js';
import type { Silence, SilenceMatcher } from './types.js';

/** Throws a precise message when `matchers` cannot form a silence. */
export function validateMatchers(matchers: SilenceMatcher[]): void {
  if (!Array.isArray(matchers) || matchers.length === 0) throw new Error('silence: matchers must be a non-empty array');
  for (const [i, m] of matchers.entries()) {
    if (!m || typeof m.name !== 'string' || !/^[A-Za-z_]\w*$/.test(m.name)) {
      throw new Error(`silence: matchers[${i}].name must be a label name, got ${JSON.stringify(m?.name)}`);
    }
    if (typeof m.value !== 'string') throw new Error(`silence: matchers[${i}].value must be a string`);
    if (m.isRegex) {
      try {
        new RegExp(`^(?:${m.value})$`);
      } catch (err) {
        throw new Error(`silence: matchers[${i}].value is not a valid regex: ${(err as Error).message}`, { cause: err });
      }
    }
  }
}

/** True when every matcher of `silence` matches `labels` and the silence is in force at `nowMs`. */
export function silences(silence: Silence, labels: Labels, nowMs: number): boolean {
  if (Date.parse(silence.startsAt) > nowMs || Date.parse(silence.endsAt) <= nowMs) return false;
  return silence.matchers.every((m) => matches(m, labels));
}

/** Ids of the silences in `all` that silence `labels` at `nowMs`. */
export function silencedBy(all: readonly Silence[], labels: Labels, nowMs: number): string[] {
  return all.filter((s) => silences(s, labels, nowMs)).map((s) => s.id);
}
