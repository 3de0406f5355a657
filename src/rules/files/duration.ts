// Prometheus durations (`1h30m`, `5m`, `90s`, `250ms`): parsed for the compiled rules (ms) and
// formatted back for the exported rule files, so a round trip keeps Prometheus' own spelling.

const UNITS: Array<[string, number]> = [
  ['y', 365 * 24 * 3600_000],
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

// Units in Prometheus' required order, each at most once (as `model.ParseDuration` accepts them).
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Milliseconds of a Prometheus duration, or undefined when `text` is not one. */
export function parseDuration(text: string): number | undefined {
  if (text === '' || text === '0') return text === '0' ? 0 : undefined;
  const m = DURATION.exec(text);
  if (!m) return undefined;
  let ms = 0;
  UNITS.forEach(([, size], i) => {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * size;
  });
  return ms;
}

/** The Prometheus spelling of `ms` milliseconds (`0s` for zero), largest units first. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const [unit, size] of UNITS) {
    // Years and weeks are never produced: `7d` reads better than `1w` in a rule file.
    if (unit === 'y' || unit === 'w') continue;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
