// Starts `foresight start` (or another serving subcommand, e.g. `rules serve`) as a child
// process, exactly as a user runs it, on free ports with an in-memory embedded Postgres, and
// waits until /readyz says ready.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

/** The repository root (this file runs from dist/test/helpers). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A running child server. */
export interface SpawnedServer {
  url: string;
  metricsUrl: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
}

/** Options of {@link spawnServer}. */
export interface SpawnOptions {
  /**
   * A file the server's stdout goes to instead of a pipe into this process: a benchmark's load
   * generator shares this process, and at thousands of log lines a second reading them would
   * take its CPU. `output()` then reads the file.
   */
  stdoutFile?: string;
}

/**
 * Spawns the CLI's `start` (or `command`) with `env` on top of test defaults; rejects with its
 * output if not ready in `timeoutMs`.
 */
export async function spawnServer(
  env: Record<string, string> = {},
  timeoutMs = 90_000,
  command: string[] = ['start'],
  options: SpawnOptions = {},
): Promise<SpawnedServer> {
  const port = await freePort();
  const metricsPort = await freePort();
  let out = '';
  const stdoutFd = options.stdoutFile === undefined ? undefined : fs.openSync(options.stdoutFile, 'w');
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin/foresight.js'), ...command], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(metricsPort),
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      PGLITE_DATA_DIR: 'memory://',
      SEED_DAYS: '60',
      LOG_FILE: '',
      LOG_LEVEL: 'info',
      // Tests and benchmarks load the API from one address; the rate-limit test turns it on.
      RATE_LIMIT_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', stdoutFd ?? 'pipe', 'pipe'],
  });
  // The child holds its own copy of the file's descriptor.
  if (stdoutFd !== undefined) fs.closeSync(stdoutFd);
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const output = () => (options.stdoutFile === undefined ? out : fs.readFileSync(options.stdoutFile, 'utf8') + out);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${timeoutMs} ms:\n${output()}`);
    }
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    child,
    output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => (clearTimeout(killer), resolve(code)));
        child.kill('SIGTERM');
      }),
  };
}
