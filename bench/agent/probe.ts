// After its load rounds, an agent's /metrics is read once: a contender is only comparable if it
// does the work the goal asks for (RED metrics under the contract names, the route pattern as
// `endpoint`), not fast because it records nothing.
import { APPS, type AppName } from './apps.js';

/** What one agent's /metrics showed. */
export interface MetricsProbe {
  /** False when /metrics did not answer 200. */
  served: boolean;
  bytes: number;
  /** Sample lines (neither comments nor blank). */
  samples: number;
  /** Every route of the app appears as `endpoint` on `request_total`. */
  red_metrics_by_route: boolean;
}

/** Reads `metricsUrl` and checks the RED metrics of `app`'s routes; never throws. */
export async function probeMetrics(app: AppName, metricsUrl: string): Promise<MetricsProbe> {
  const text = await fetch(metricsUrl, { signal: AbortSignal.timeout(5000) })
    .then((r) => (r.ok ? r.text() : undefined))
    .catch(() => undefined);
  if (text === undefined) return { served: false, bytes: 0, samples: 0, red_metrics_by_route: false };
  const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
  const red = lines.filter((l) => l.startsWith('request_total{'));
  return {
    served: true,
    bytes: Buffer.byteLength(text),
    samples: lines.length,
    red_metrics_by_route: APPS[app].routes.every((route) => red.some((l) => l.includes(`endpoint="${route}"`))),
  };
}
