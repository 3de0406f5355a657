// The apps under test (bench/agent/apps/*.mjs, run from source: they are what a user writes)
// and the request mix the load generator sends to each. Both sides read apps/data.json, so
// every request hits a key the app filled at start.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../test/helpers/spawn-server.js';

export const APP_NAMES = ['hono', 'express'] as const;
export type AppName = (typeof APP_NAMES)[number];

/** One app of the benchmark. */
export interface BenchApp {
  name: AppName;
  /** Absolute path of the app's entry. */
  script: string;
  /** The route patterns it serves, for the report. */
  routes: string[];
  /** The paths to GET, in the order the load generator requests them (then again from the first). */
  paths: readonly string[];
}

interface AppData {
  forecast: { cities: string[]; dates: string[] };
  users: number;
  orders: number;
  itemsPerOrder: number;
}

const appsDir = path.join(repoRoot, 'bench/agent/apps');
const data = JSON.parse(fs.readFileSync(path.join(appsDir, 'data.json'), 'utf8')) as AppData;

/** A fresh request cycle over `all`: each call gives the next path. */
export function cycle(all: readonly string[]): () => string {
  let i = 0;
  return () => all[i++ % all.length]!;
}

const forecastPaths = data.forecast.cities.flatMap((city) => data.forecast.dates.map((date) => `/api/v1/forecast/${city}/${date}`));

// Users and order items alternate, so both routes carry half the load.
const expressPaths: string[] = [];
for (let n = 0; n < data.users * data.itemsPerOrder; n++) {
  expressPaths.push(`/users/${(n % data.users) + 1}`);
  expressPaths.push(`/orders/${(n % data.orders) + 1}/items/${(n % data.itemsPerOrder) + 1}`);
}

export const APPS: Record<AppName, BenchApp> = {
  hono: {
    name: 'hono',
    script: path.join(appsDir, 'hono.mjs'),
    routes: ['/api/v1/forecast/:city/:date'],
    paths: forecastPaths,
  },
  express: {
    name: 'express',
    script: path.join(appsDir, 'express.mjs'),
    routes: ['/users/:id', '/orders/:orderId/items/:itemId'],
    paths: expressPaths,
  },
};
