// The attributes of a server span (stable HTTP semantic conventions), built only for spans that
// record: an unsampled request pays for none of this.
import type { IncomingMessage } from 'node:http';
import type { Attributes } from '@opentelemetry/api';
import { redactQuery, splitTarget } from './redact.js';

/** The request-side attributes of `req`. */
export function requestAttributes(req: IncomingMessage, method: string): Attributes {
  const { path, query } = splitTarget(req.url ?? '/');
  const attributes: Attributes = {
    'http.request.method': method,
    'url.path': path,
    'url.scheme': (req.socket as { encrypted?: boolean }).encrypted === true ? 'https' : 'http',
    'network.protocol.version': req.httpVersion,
  };
  if (query) attributes['url.query'] = redactQuery(query);
  const host = req.headers.host;
  if (host) {
    const colon = host.lastIndexOf(':');
    attributes['server.address'] = colon > 0 && !host.endsWith(']') ? host.slice(0, colon) : host;
  }
  if (req.socket.remoteAddress) attributes['client.address'] = req.socket.remoteAddress;
  const agent = req.headers['user-agent'];
  if (agent) attributes['user_agent.original'] = agent;
  return attributes;
}
