// Alertmanager's matcher strings (`severity="critical"`, `alertname!="X"`, `job=~"api.*"`,
// `team!~"ops|dba"`; quotes optional) and their matching, shared by silences, inhibit rules
// and the Alertmanager-form silence filter.
import type { Labels } from '../types.js';
import type { SilenceMatcher } from './types.js';

const MATCHER = /^\s*([A-Za-z_]\w*)\s*(=~|!~|!=|=)\s*(?:"((?:[^"\\]|\\.)*)"|([^"\s]*))\s*$/;

/** Parses one matcher string; throws with the expected forms when it is not one. */
export function parseMatcher(text: string): SilenceMatcher {
  const m = MATCHER.exec(text);
  if (!m) throw new Error(`invalid matcher ${JSON.stringify(text)}: expected name="value", name!="value", name=~"regex" or name!~"regex"`);
  const op = m[2]!;
  const value = m[3] !== undefined ? m[3].replace(/\\(.)/g, '$1') : m[4]!;
  if (op.endsWith('~')) {
    try {
      new RegExp(`^(?:${value})$`);
    } catch (err) {
      throw new Error(`invalid matcher ${JSON.stringify(text)}: ${(err as Error).message}`, { cause: err });
    }
  }
  return { name: m[1]!, value, isRegex: op.endsWith('~'), isEqual: !op.startsWith('!') };
}

/** True when `labels` satisfy `m` (a missing label reads as empty, as in Alertmanager). */
export function matches(m: SilenceMatcher, labels: Labels): boolean {
  const actual = labels[m.name] ?? '';
  const hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test(actual) : actual === m.value;
  return (m.isEqual ?? true) ? hit : !hit;
}
