// A throwaway Prometheus (the `prometheus` binary on PATH, e.g. Debian's) on a free loopback
// port, with its config and TSDB in a temp dir, for tests that need a real query engine.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { freePort } from './ports.js';
import { waitFor } from './wait-for.js';

/** Options of {@link startPrometheus}. */
export interface PrometheusOptions {
  /** `host:port` targets scraped at `/metrics`, as one job. */
  scrapeTargets: string[];
  /** Rule files (absolute paths) loaded at start. @defaultValue [] */
  ruleFiles?: string[];
  /** Alertmanager base URL, e.g. `http://127.0.0.1:9093`. @defaultValue none */
  alertmanagerUrl?: string;
  /** Scrape and rule evaluation interval. @defaultValue 1 */
  scrapeIntervalSeconds?: number;
  /** Job name of the scrape. @defaultValue 'foresight-api' */
  jobName?: string;
  /** `metric_relabel_configs` of the scrape job, e.g. to rename series. @defaultValue none */
  metricRelabelConfigs?: object[];
}

/** A running Prometheus. */
export interface PrometheusProcess {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Everything it wrote on stdout/stderr, for failure messages. */
  output(): string;
  /** Stops it and removes its temp dir. */
  stop(): Promise<void>;
  /**
   * Resolves once every target has been scraped at or after `sinceMs` (epoch ms) and every
   * rule group evaluated after that scrape: what it has seen by then includes everything
   * the targets had done by `sinceMs`, however slow the machine.
   */
  caughtUp(sinceMs: number, timeoutMs?: number): Promise<void>;
}

/** Starts Prometheus and resolves once `/-/ready` answers 200; rejects with its output otherwise. */
export async function startPrometheus(options: PrometheusOptions, timeoutMs = 30_000): Promise<PrometheusProcess> {
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'foresight-prom-'));
  const config: Record<string, unknown> = {
    global: { scrape_interval: interval, evaluation_interval: interval },
    rule_files: options.ruleFiles ?? [],
    scrape_configs: [
      {
        job_name: options.jobName ?? 'foresight-api',
        static_configs: [{ targets: options.scrapeTargets }],
        ...(options.metricRelabelConfigs ? { metric_relabel_configs: options.metricRelabelConfigs } : {}),
      },
    ],
  };
  if (options.alertmanagerUrl) {
    const am = new URL(options.alertmanagerUrl);
    config.alerting = { alertmanagers: [{ scheme: am.protocol.replace(':', ''), static_configs: [{ targets: [am.host] }] }] };
  }
  const configFile = path.join(dir, 'prometheus.yml');
  await writeFile(configFile, stringify(config));
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [`--config.file=${configFile}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited with ${child.exitCode}:\n${out}`);
    }
    if (await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready after ${timeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, output: () => out, stop, caughtUp: (sinceMs, timeoutMs) => caughtUp(url, sinceMs, timeoutMs) };
}

async function caughtUp(url: string, sinceMs: number, timeoutMs = 60_000): Promise<void> {
  const get = async (p: string): Promise<any> => ((await (await fetch(url + p)).json()) as any).data;
  await waitFor(
    `${url} to scrape its targets and evaluate its rules after ${new Date(sinceMs).toISOString()}`,
    async () => {
      const scrapes: number[] = (await get('/api/v1/targets')).activeTargets.map((t: any) => Date.parse(t.lastScrape));
      if (!scrapes.length || scrapes.some((at) => !(at >= sinceMs))) return false;
      const lastScrape = Math.max(...scrapes);
      return (await get('/api/v1/rules')).groups.every((g: any) => Date.parse(g.lastEvaluation) > lastScrape);
    },
    { timeoutMs, intervalMs: 100 },
  );
}
