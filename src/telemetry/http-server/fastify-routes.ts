// Fastify's route of every request, from the diagnostics channel Fastify 5 publishes before a
// handler runs: no plugin, no context needed, so unrecorded requests are named too.
import dc from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { kRoute } from './route.js';

const channel = 'tracing:fastify.request.handler:start';

interface HandlerStart {
  request?: { raw?: IncomingMessage & { [kRoute]?: string }; routeOptions?: { url?: string } };
}

function onHandlerStart(message: unknown): void {
  const { request } = message as HandlerStart;
  const url = request?.routeOptions?.url;
  if (request?.raw && url !== undefined) request.raw[kRoute] = url;
}

/** Starts naming Fastify requests; returns the function that stops it. */
export function watchFastifyRoutes(): () => void {
  dc.subscribe(channel, onHandlerStart);
  return () => dc.unsubscribe(channel, onHandlerStart);
}
