// Links into this HTTP layer that other parts hand to users: an alert's generatorURL (the alert
// list filtered to its rule) and an alert's example trace. The routes live here, so the paths do
// too; the composition root gives them to the rules service, which knows no route.

/** The alert list of the performance API under `externalUrl`, filtered to `alertname` when given. */
export function alertsLink(externalUrl: string, alertname?: string): string {
  const base = `${externalUrl.replace(/\/+$/, '')}/api/v1/performance/alerts`;
  return alertname ? `${base}?alertname=${encodeURIComponent(alertname)}` : base;
}

/** One trace in the trace API, relative to this server (the console follows it as is). */
export function traceLink(traceId: string): string {
  return `/api/v1/traces/${traceId}`;
}
