// Composition of the rules service run alone (`foresight rules serve`): no prediction API, no
// cache, no models. It evaluates the rule files against Prometheus or the embedded evaluator
// scraping RULES_SCRAPE_TARGETS, notifies the configured receivers, and answers the alerts,
// thresholds and recommendations routes on PORT. Postgres (DATABASE_URL) keeps alert state
// across restarts and lets replicas share one leader; without it the state lives in memory,
// which spares a watcher the embedded database's memory.
import type { ServerType } from '@hono/node-server';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRulesApp, type Readiness } from '../api/index.js';
import type { Config } from '../config/index.js';
import { openDatabase, type Database } from '../db/index.js';
import { ClientLimits } from '../ratelimit/index.js';
import { logger } from '../log/index.js';
import { startRules, type RulesRuntime } from '../rules/runtime/index.js';
import { drainServer } from '../telemetry/http-server/drain.js';
import { listen } from './listen.js';
import { clientLimitsOptions } from './rate-limits.js';
import { rulesRuntimeOptions } from './rules-options.js';

/** A started rules service. */
export interface RunningRulesServer {
  url: string;
  port: number;
  rules: RulesRuntime;
  db: Database | undefined;
  close(): Promise<void>;
}

/** Starts the rules service on `config.PORT`. */
export async function startRulesServer(config: Config): Promise<RunningRulesServer> {
  const log = logger();
  const db = config.DATABASE_URL ? await openDatabase(config) : undefined;
  if (!db) log.info('no DATABASE_URL: alert state and threshold changes are kept in memory until this process ends');
  let rules: RulesRuntime;
  try {
    rules = await startRules(rulesRuntimeOptions(config, { db }));
  } catch (err) {
    await db?.close();
    throw err;
  }
  const app = createRulesApp({
    rules: rules.facade,
    readiness: rulesReadiness(rules, db),
    adminToken: config.ADMIN_TOKEN,
    maxBodyBytes: config.MAX_BODY_BYTES,
    webhookAuth: { token: config.ALERT_RECEIVER_TOKEN, basic: config.ALERT_RECEIVER_BASIC_AUTH },
    // Counted in memory, per replica: this service keeps no Redis connection.
    rateLimit: { limits: new ClientLimits(clientLimitsOptions(config)), trustProxyHops: config.TRUST_PROXY_HOPS },
  });
  let server: ServerType;
  try {
    server = await listen(app.fetch, config.HOST, config.PORT);
  } catch (err) {
    await rules.close();
    await db?.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  log.info({ port, source: rules.source.name, database: db?.url ?? 'memory' }, 'foresight rules service listening');
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    rules,
    db,
    async close() {
      await drainServer(server as http.Server, config.FORESIGHT_DRAIN_TIMEOUT_MS);
      await rules.close();
      await db?.close();
    },
  };
}

/**
 * `/readyz`: ready once the rules are loaded. A database that does not answer makes it
 * `degraded`, not unready, as in the API: the process goes on answering, its leader lock is
 * lost with the session and retried (the rules component says `standby` meanwhile), every
 * replica shares that database so none would be left in rotation, and the first probe after
 * Postgres is back says ready again, with no restart. A scrape target that is down is shown the
 * same way: watching an app that is down is this service's job.
 */
function rulesReadiness(rules: RulesRuntime, db: Database | undefined): () => Promise<Readiness> {
  return async function readiness() {
    const status = rules.facade.status();
    const components: Readiness['components'] = {
      rules: {
        status: status.last_reload_error ? 'degraded' : 'up',
        detail: `${status.rules_loaded} rules, version ${status.version}, source ${status.source}${status.leader ? ', leader' : ', standby'}`,
      },
    };
    components.database = db ? { status: (await db.ping()) ? 'up' : 'down', detail: db.url } : { status: 'disabled', detail: 'state in memory' };
    for (const t of rules.targets()) {
      components[`scrape ${t.job} ${t.instance}`] =
        t.health === 'up'
          ? { status: 'up', detail: t.url }
          : t.health === 'down'
            ? { status: 'down', detail: `${t.url}: ${t.lastError ?? 'scrape failed'}` }
            : { status: 'degraded', detail: `${t.url}: not scraped yet` };
    }
    return { ready: status.rules_loaded > 0, components };
  };
}
