// The scrape target list as a user writes it (RULES_SCRAPE_TARGETS): comma-separated entries,
// each `[job=]url`, so several apps are told apart by `job` as a Prometheus scrape config would
// name them, and several replicas of one app share a job and differ by `instance`.
import type { ScrapeTarget } from './scraper.js';

// A job name is a plain word: an entry's first `=` only names a job when what stands before it
// could not be part of a URL (a query string holds `=` too).
const JOB = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * Parses `text` into targets; an entry without `job=` gets `defaultJob`. A bare `host:port`
 * is scraped at `http://host:port/metrics`, and a URL without a path at `/metrics`, as
 * Prometheus's default `metrics_path`. Throws naming the entry that is not a URL.
 */
export function parseScrapeTargets(text: string, defaultJob: string): ScrapeTarget[] {
  const targets: ScrapeTarget[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    const eq = entry.indexOf('=');
    const named = eq > 0 && JOB.test(entry.slice(0, eq));
    const job = named ? entry.slice(0, eq) : defaultJob;
    const url = normaliseUrl(named ? entry.slice(eq + 1).trim() : entry);
    if (!url) throw new Error(`scrape target ${JSON.stringify(entry)} is not a URL (expected [job=]http://host:port/metrics)`);
    targets.push({ url, job });
  }
  return targets;
}

function normaliseUrl(text: string): string | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/metrics';
  return url.toString();
}
