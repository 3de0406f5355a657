// Runs a fixture app of test/fixtures/apps under the agent, as a user would run their own:
// `node --import <dist>/src/telemetry/register.js app.mjs` in the app's folder, the app on a
// free port, the agent's telemetry port (its /metrics) on another, no trace export.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './ports.js';
import { repoRoot } from './spawn-server.js';

/** An app running under the agent. */
export interface InstrumentedApp {
  url: string;
  /** The agent's `/metrics`, e.g. `http://127.0.0.1:41234/metrics`. */
  metricsUrl: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM (SIGKILL after 10 s); resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `test/fixtures/apps/<name>/app.mjs` and waits for its `listening <port>` line. */
export async function startInstrumentedApp(name: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<InstrumentedApp> {
  const telemetryPort = await freePort();
  // Nothing of the test run's own telemetry settings leaks into the app.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(OTEL_|FORESIGHT_|DATABASE_URL$|REDIS_URL$|PORT$)/.test(k)));
  const child = spawn(process.execPath, ['--import', path.join(repoRoot, 'dist/src/telemetry/register.js'), 'app.mjs'], {
    cwd: path.join(repoRoot, 'test/fixtures/apps', name),
    env: {
      ...inherited,
      PORT: '0',
      OTEL_EXPORTER_PROMETHEUS_PORT: String(telemetryPort),
      OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
      OTEL_TRACES_EXPORTER: 'none',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const stop = () =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', (code) => (clearTimeout(killer), resolve(code)));
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const port = /^listening (\d+)$/m.exec(out)?.[1];
    if (port) return { url: `http://127.0.0.1:${port}`, metricsUrl: `http://127.0.0.1:${telemetryPort}/metrics`, child, output: () => out, stop };
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before listening:\n${out}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not listen in ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
