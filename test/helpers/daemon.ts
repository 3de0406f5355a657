// A long-running tool (prometheus, alertmanager) started by a test on loopback, waited for
// until an HTTP readiness URL answers 200, and killed at the end.
import { spawn, type ChildProcess } from 'node:child_process';

/** A started daemon. */
export interface Daemon {
  child: ChildProcess;
  /** stdout and stderr so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Spawns `command args` and resolves once `readyUrl` answers 200; rejects with the output otherwise. */
export async function startDaemon(command: string, args: string[], readyUrl: string, timeoutMs = 30_000): Promise<Daemon> {
  let out = '';
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const daemon: Daemon = {
    child,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}:\n${out}`);
    const ok = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (ok) return daemon;
    await new Promise((r) => setTimeout(r, 100));
  }
  await daemon.stop();
  throw new Error(`${command} not ready at ${readyUrl} within ${timeoutMs} ms:\n${out}`);
}
