// Figures of a benchmarked process read from /proc (Linux).
import fs from 'node:fs';

/** A memory field of /proc/<pid>/status in MB to one decimal: VmRSS now, VmHWM the peak; NaN if absent. */
export function procMemoryMb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}
