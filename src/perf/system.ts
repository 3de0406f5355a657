// Process and machine resource readings for the performance API (seed 002/003 system metrics).
// One meaning per name, the same as the thresholds and alert rules of that name:
//   cpu_usage     CPU time of this process, percent of one core (HighCpuUsage)
//   memory_usage  resident memory, percent of the 2 GiB budget of seed 001 (HighMemoryUsage)
// The machine's figures are reported as host_cpu_usage and host_memory_usage.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';

/** Seed 001's memory budget (model inference < 2 GB), the divisor of HighMemoryUsage. */
export const MEMORY_BUDGET_BYTES = 2 * 1024 ** 3;

/** One reading of this process and the machine. Percentages are 0..100 with one decimal. */
export interface SystemReading {
  /** This process's CPU time over the interval, percent of one core. */
  cpu_usage: number;
  /** Resident memory, percent of {@link MEMORY_BUDGET_BYTES}. */
  memory_usage: number;
  /** Busy share of all the machine's cores over the interval. */
  host_cpu_usage: number;
  /** Memory in use on the machine, percent of its total. */
  host_memory_usage: number;
  /** Heap in use, percent of the V8 heap limit. */
  heap_usage: number;
  rss_bytes: number;
  heap_used_bytes: number;
  event_loop_p99_ms: number;
  /** The machine's 1-minute load average. */
  load_average: number;
}

/** Resident memory of this process in percent of the budget, now. */
export function memoryUsagePercent(rss = process.memoryUsage.rss()): number {
  return round((rss / MEMORY_BUDGET_BYTES) * 100);
}

function cpuTimes() {
  let idle = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    idle += t.idle;
    total += t.user + t.nice + t.sys + t.idle + t.irq;
  }
  return { idle, total };
}

/** Reads CPU as the busy share since the previous reading, so each call covers one interval. */
export class SystemSampler {
  #last = cpuTimes();
  #lastProcess = process.cpuUsage();
  #lastAt = performance.now();
  readonly #loop = monitorEventLoopDelay({ resolution: 20 });

  constructor() {
    this.#loop.enable();
  }

  /** A reading since the previous `read()` (or start); `peek` leaves the interval running. */
  read(peek = false): SystemReading {
    const now = cpuTimes();
    const busy = now.total - this.#last.total - (now.idle - this.#last.idle);
    const span = now.total - this.#last.total;
    const proc = process.cpuUsage(this.#lastProcess);
    const wallUs = (performance.now() - this.#lastAt) * 1000;
    const mem = process.memoryUsage();
    const reading = {
      cpu_usage: round(wallUs > 0 ? ((proc.user + proc.system) / wallUs) * 100 : 0),
      memory_usage: memoryUsagePercent(mem.rss),
      host_cpu_usage: round(span > 0 ? (busy / span) * 100 : 0),
      host_memory_usage: round(((os.totalmem() - os.freemem()) / os.totalmem()) * 100),
      heap_usage: round((mem.heapUsed / v8.getHeapStatistics().heap_size_limit) * 100),
      rss_bytes: mem.rss,
      heap_used_bytes: mem.heapUsed,
      event_loop_p99_ms: round(this.#loop.percentile(99) / 1e6),
      load_average: round(os.loadavg()[0] ?? 0),
    };
    if (!peek) {
      this.#last = now;
      this.#lastProcess = process.cpuUsage();
      this.#lastAt = performance.now();
      this.#loop.reset();
    }
    return reading;
  }

  /** Stops the event-loop histogram. */
  close(): void {
    this.#loop.disable();
  }
}

const round = (v: number) => Math.round(v * 10) / 10;
