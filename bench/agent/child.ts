// One contender's app as a child process: spawned, timed until it prints `listening <port>`,
// its memory read from /proc, and stopped (SIGTERM, then SIGKILL after a grace period: the
// stock register keeps a process alive on SIGTERM).
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../test/helpers/ports.js';
import { procMemoryMb } from '../lib/proc.js';
import { APPS, type AppName } from './apps.js';
import { contenderEnv, contenderFlags, type ContenderName } from './contenders.js';

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 2_000;
// The tail of a child's output kept for error messages.
const OUTPUT_KEPT = 64 * 1024;

/** A started contender. */
export interface RunningApp {
  app: AppName;
  contender: ContenderName;
  url: string;
  /** The agent's telemetry port (`/metrics`); nothing listens there for plain. */
  metricsUrl: string;
  pid: number;
  /** Spawn to the `listening` line. */
  startupMs: number;
  /** A /proc/<pid>/status field in MB: VmRSS now, VmHWM the peak. */
  memoryMb(field: 'VmRSS' | 'VmHWM'): number;
  output(): string;
  /** Stops the process; tells whether SIGTERM alone ended it. */
  stop(): Promise<{ exitedOnSigterm: boolean }>;
}

// Children still running when the benchmark dies (an error, a failed assertion) are killed.
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

const exited = (child: ChildProcess, ms: number) =>
  new Promise<boolean>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => (clearTimeout(timer), resolve(true)));
  });

/** How a contender is spawned. */
export interface SpawnOptions {
  /** A command that runs node, e.g. `['valgrind', '--tool=callgrind']`. @defaultValue none */
  wrap?: string[];
  /** @defaultValue 60000 */
  readyTimeoutMs?: number;
  /** Set over the contender's environment. @defaultValue none */
  env?: Record<string, string>;
  /** Node or V8 flags before the contender's own. @defaultValue none */
  nodeFlags?: string[];
}

/** Spawns `app` under `contender` on free ports and resolves once it listens. */
export async function startApp(app: AppName, contender: ContenderName, sinkUrl: string, options: SpawnOptions = {}): Promise<RunningApp> {
  const ports = { app: await freePort(), metrics: await freePort() };
  const readyTimeoutMs = options.readyTimeoutMs ?? READY_TIMEOUT_MS;
  let out = '';
  const started = process.hrtime.bigint();
  const argv = [process.execPath, ...(options.nodeFlags ?? []), ...contenderFlags(contender), APPS[app].script];
  const [command, ...args] = [...(options.wrap ?? []), ...argv] as [string, ...string[]];
  const child = spawn(command, args, {
    env: { ...contenderEnv(app, contender, ports, sinkUrl), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const startupMs = await new Promise<number>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${app} under ${contender} ${why}:\n${out}`));
    };
    const timer = setTimeout(() => fail(`did not print "listening" within ${readyTimeoutMs} ms`), readyTimeoutMs);
    const onExit = (code: number | null, signal: string | null) => fail(`exited (${signal ?? code}) before listening`);
    child.once('exit', onExit);
    child.stdout.on('data', (d: Buffer) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      out = (out + d.toString()).slice(-OUTPUT_KEPT);
      if (/^listening \d+$/m.test(out) && child.exitCode === null) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(ms);
      }
    });
    child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-OUTPUT_KEPT)));
  });
  const pid = child.pid!;
  return {
    app,
    contender,
    url: `http://127.0.0.1:${ports.app}`,
    metricsUrl: `http://127.0.0.1:${ports.metrics}/metrics`,
    pid,
    startupMs,
    memoryMb: (field) => procMemoryMb(pid, field),
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      const exitedOnSigterm = await exited(child, STOP_GRACE_MS);
      if (!exitedOnSigterm) {
        child.kill('SIGKILL');
        await exited(child, STOP_GRACE_MS);
      }
      return { exitedOnSigterm };
    },
  };
}
