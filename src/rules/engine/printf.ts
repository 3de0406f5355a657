// Go's printf for the verbs annotation templates use: %s %v %d %f %e %g %%, with width and precision.
import { formatG, formatValue } from './humanize.js';

/** Formats `args` into `format` as Go's fmt.Sprintf would for the verbs above. */
export function sprintf(format: string, args: Array<string | number | undefined>): string {
  let i = 0;
  return format.replace(/%([-+ 0]*)(\d+)?(?:\.(\d+))?([sdvfegq%])/g, (_whole, flags: string, width?: string, prec?: string, verb?: string) => {
    if (verb === '%') return '%';
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[i++];
    const n = typeof arg === 'number' ? arg : Number(arg);
    let out: string;
    switch (verb) {
      case 's':
        out = typeof arg === 'number' ? formatValue(arg) : String(arg ?? '');
        break;
      case 'q':
        out = JSON.stringify(String(arg ?? ''));
        break;
      case 'v':
        out = typeof arg === 'number' ? formatValue(arg) : String(arg ?? '<nil>');
        break;
      case 'd':
        out = Number.isFinite(n) ? String(Math.trunc(n)) : `%!d(${arg})`;
        break;
      case 'f':
        out = Number.isFinite(n) ? n.toFixed(prec === undefined ? 6 : Number(prec)) : formatValue(n);
        break;
      case 'e':
        out = Number.isFinite(n) ? n.toExponential(prec === undefined ? 6 : Number(prec)).replace(/e([-+])(\d)$/, 'e$10$2') : formatValue(n);
        break;
      default:
        out = prec === undefined ? formatValue(n) : formatG(n, Math.max(1, Number(prec)));
    }
    if (flags.includes('+') && /^[0-9]/.test(out) && verb !== 's' && verb !== 'q') out = `+${out}`;
    if (width && out.length < Number(width)) {
      const pad = Number(width) - out.length;
      if (flags.includes('-')) out += ' '.repeat(pad);
      else if (flags.includes('0') && verb !== 's') out = out.replace(/^([-+]?)/, `$1${'0'.repeat(pad)}`);
      else out = ' '.repeat(pad) + out;
    }
    return out;
  });
}
