// Machine and process resource readings for the performance API (seed 002/003 system metrics).
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** One reading of the machine and this process. */
export interface SystemReading {
  cpu_usage: number;
  memory_usage: number;
  process_cpu: number;
  rss_bytes: number;
  heap_used_bytes: number;
  event_loop_p99_ms: number;
  load_average: number;
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

  /** Percentages are 0..100 with one decimal. */
  read(): SystemReading {
    const now = cpuTimes();
    const busy = now.total - this.#last.total - (now.idle - this.#last.idle);
    const span = now.total - this.#last.total;
    const proc = process.cpuUsage(this.#lastProcess);
    const wallUs = (performance.now() - this.#lastAt) * 1000;
    this.#last = now;
    this.#lastProcess = process.cpuUsage();
    this.#lastAt = performance.now();
    const mem = process.memoryUsage();
    const reading = {
      cpu_usage: round(span > 0 ? (busy / span) * 100 : 0),
      memory_usage: round(((os.totalmem() - os.freemem()) / os.totalmem()) * 100),
      process_cpu: round(wallUs > 0 ? ((proc.user + proc.system) / wallUs) * 100 : 0),
      rss_bytes: mem.rss,
      heap_used_bytes: mem.heapUsed,
      event_loop_p99_ms: round(this.#loop.percentile(99) / 1e6),
      load_average: round(os.loadavg()[0] ?? 0),
    };
    this.#loop.reset();
    return reading;
  }

  /** Stops the event-loop histogram. */
  close(): void {
    this.#loop.disable();
  }
}

const round = (v: number) => Math.round(v * 10) / 10;
