// Starts `foresight start` (or another serving subcommand, e.g. `rules serve`) as a child
// process, exactly as a user runs it, on free ports with an in-memory embedded Postgres, and
// waits until /readyz says ready.
import { spawn, type ChildProcess } from 'node:child_process';
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

/**
 * Spawns the CLI's `start` (or `command`) with `env` on top of test defaults; rejects with its
 * output if not ready in `timeoutMs`.
 */
export async function spawnServer(env: Record<string, string> = {}, timeoutMs = 90_000, command: string[] = ['start']): Promise<SpawnedServer> {
  const port = await freePort();
  const metricsPort = await freePort();
  let out = '';
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
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${timeoutMs} ms:\n${out}`);
    }
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code) => (clearTimeout(killer), resolve(code)));
        child.kill('SIGTERM');
      }),
  };
}
