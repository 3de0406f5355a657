// Prometheus's template value formatters, so an annotation reads the same here and in an
// exported rule running inside Prometheus.

/**
 * `v` rounded to `p` significant digits as Go rounds (half to even on an exact tie; JavaScript's
 * toPrecision rounds ties up, so 12345 would give 1.235e+04 where Prometheus shows 1.234e+04).
 */
function roundSignificant(v: number, p: number): number {
  // 100 fraction digits hold every double's exact expansion that could be a tie at p <= 17.
  const [m, e] = Math.abs(v).toExponential(100).split('e') as [string, string];
  const digits = m.replace('.', '');
  let head = digits.slice(0, p);
  const next = digits.charCodeAt(p) - 48;
  const tail = /[1-9]/.test(digits.slice(p + 1));
  const odd = (head.charCodeAt(p - 1) - 48) % 2 === 1;
  let exp = Number(e);
  if (next > 5 || (next === 5 && (tail || odd))) {
    head = (BigInt(head) + 1n).toString();
    if (head.length > p) {
      head = head.slice(0, p);
      exp++;
    }
  }
  return Math.sign(v) * Number(`${head[0]}.${head.slice(1) || '0'}e${exp}`);
}

/** Go's `%.<p>g`: `p` significant digits, trailing zeros dropped, exponent form outside [1e-4, 1e p). */
export function formatG(v: number, p = 4): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  if (v === 0) return '0';
  const r = roundSignificant(v, p);
  const [mantissa, e] = r.toExponential(p - 1).split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= p) {
    const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(r);
}

/** Go's `%v` of a float64: shortest round-trip digits; `+Inf`, `-Inf`, `NaN` as Prometheus prints them. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return String(v);
}

/** `humanize`: SI prefixes, 4 significant digits (`1.235k`, `12.5m`). */
export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return formatG(v);
  const big = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  const small = ['', 'm', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];
  let i = 0;
  if (Math.abs(v) >= 1) {
    for (; Math.abs(v) >= 1000 && i < big.length - 1; i++) v /= 1000;
    return `${formatG(v)}${big[i]}`;
  }
  for (; Math.abs(v) < 1 && i < small.length - 1; i++) v *= 1000;
  return `${formatG(v)}${small[i]}`;
}

/** `humanize1024`: binary prefixes (`1.5Ki`). */
export function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return formatG(v);
  const prefixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'];
  let i = 0;
  for (; Math.abs(v) >= 1024 && i < prefixes.length - 1; i++) v /= 1024;
  return `${formatG(v)}${prefixes[i]}`;
}

/** `humanizePercentage`: a ratio as a percentage (`0.1234` → `12.34%`). */
export function humanizePercentage(v: number): string {
  return `${formatG(v * 100)}%`;
}

/** `humanizeDuration`: seconds as `1d 2h 3m 4s`, or `250ms` below one second. */
export function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return formatG(v);
  if (v === 0) return '0s';
  if (Math.abs(v) < 1) {
    let prefix = '';
    for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
      if (Math.abs(v) >= 1) break;
      prefix = p;
      v *= 1000;
    }
    return `${formatG(v)}${prefix}s`;
  }
  const sign = v < 0 ? '-' : '';
  const total = Math.trunc(Math.abs(v));
  const [d, h, m, s] = [Math.floor(total / 86400), Math.floor(total / 3600) % 24, Math.floor(total / 60) % 60, total % 60];
  if (d !== 0) return `${sign}${d}d ${h}h ${m}m ${s}s`;
  if (h !== 0) return `${sign}${h}h ${m}m ${s}s`;
  if (m !== 0) return `${sign}${m}m ${s}s`;
  return `${formatG(v)}s`;
}
