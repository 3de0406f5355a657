// The three ways an app is run: plain, under the stock OpenTelemetry auto-instrumentation (with
// the ESM loader hook, without which it instruments nothing in an ESM app), and under the
// foresight agent with its defaults. Both agents get the same OTEL_* settings: traces over OTLP
// to the local sink, metrics as a Prometheus endpoint on the contender's own port.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot } from '../../test/helpers/spawn-server.js';
import type { AppName } from './apps.js';

export const CONTENDER_NAMES = ['plain', 'stock', 'foresight'] as const;
export type ContenderName = (typeof CONTENDER_NAMES)[number];

const stockRegister = path.join(repoRoot, 'bench/agent/stock-register.mjs');
// Resolved through the package's own `exports`, as `node --import foresight/register` does.
const foresightRegister = fileURLToPath(import.meta.resolve('foresight/register'));

/** The node flags that put `contender` in front of the app. */
export function contenderFlags(contender: ContenderName): string[] {
  switch (contender) {
    case 'plain':
      return [];
    case 'stock':
      return ['--import', pathToFileURL(stockRegister).href];
    case 'foresight':
      return ['--import', pathToFileURL(foresightRegister).href];
  }
}

/** Throws with a precise message when an entry a contender needs is missing (foresight is not built). */
export function checkContenders(): void {
  for (const file of [stockRegister, foresightRegister]) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing; run \`npm run build\` first (npm run bench:agent does)`);
  }
}

/** Where the contender's process runs. */
export interface ContenderPorts {
  app: number;
  metrics: number;
}

/** The child's environment: the parent's without any OTEL_* or NODE_OPTIONS, plus the contender's settings. */
export function contenderEnv(app: AppName, contender: ContenderName, ports: ContenderPorts, sinkUrl: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('OTEL_') && k !== 'NODE_OPTIONS') env[k] = v;
  }
  env.PORT = String(ports.app);
  env.NODE_ENV = 'production';
  if (contender === 'plain') return env;
  return {
    ...env,
    OTEL_SERVICE_NAME: `bench-${app}`,
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_METRICS_EXPORTER: 'prometheus',
    OTEL_EXPORTER_PROMETHEUS_PORT: String(ports.metrics),
    OTEL_EXPORTER_PROMETHEUS_HOST: '127.0.0.1',
    OTEL_EXPORTER_OTLP_ENDPOINT: `${sinkUrl}/${sinkTag(app, contender)}`,
  };
}

/** The contender's path prefix on the sink. */
export const sinkTag = (app: AppName, contender: ContenderName) => `${app}/${contender}`;
