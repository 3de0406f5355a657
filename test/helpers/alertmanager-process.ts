// A throwaway Alertmanager (Debian's `prometheus-alertmanager`) on a free loopback port with a
// temp config and storage dir, clustering off.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports.js';

/** A running Alertmanager. */
export interface AlertmanagerProcess {
  url: string;
  /** Alerts it holds (`GET /api/v2/alerts`). */
  alerts(): Promise<Array<{ labels: Record<string, string>; status: { state: string } }>>;
  stop(): Promise<void>;
}

const CONFIG = `route:
  receiver: blackhole
  group_wait: 1s
receivers:
  - name: blackhole
`;

/** Starts Alertmanager and resolves once `/-/ready` answers. */
export async function startAlertmanager(timeoutMs = 20_000): Promise<AlertmanagerProcess> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'foresight-am-'));
  await writeFile(path.join(dir, 'am.yml'), CONFIG);
  const port = await freePort();
  const child = spawn(
    'prometheus-alertmanager',
    [`--config.file=${path.join(dir, 'am.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await fetch(`${url}/-/ready`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`alertmanager did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    alerts: async () => (await (await fetch(`${url}/api/v2/alerts`)).json()) as any,
    stop,
  };
}
