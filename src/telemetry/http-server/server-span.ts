// The attributes of a recorded server span (stable HTTP semantic conventions), set only when
// the span records: an unsampled request pays for none of this.
import type { IncomingMessage } from 'node:http';
import type { Span } from '@opentelemetry/api';
import { redactQuery, splitTarget } from './redact.js';

/** Sets the request-side attributes on a recording span. */
export function setRequestAttributes(span: Span, req: IncomingMessage, method: string): void {
  const { path, query } = splitTarget(req.url ?? '/');
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  span.setAttribute('http.request.method', method);
  span.setAttribute('url.path', path);
  if (query) span.setAttribute('url.query', redactQuery(query));
  span.setAttribute('url.scheme', encrypted ? 'https' : 'http');
  span.setAttribute('network.protocol.version', req.httpVersion);
  const host = req.headers.host;
  if (host) {
    const colon = host.lastIndexOf(':');
    span.setAttribute('server.address', colon > 0 && !host.endsWith(']') ? host.slice(0, colon) : host);
  }
  if (req.socket.remoteAddress) span.setAttribute('client.address', req.socket.remoteAddress);
  const agent = req.headers['user-agent'];
  if (agent) span.setAttribute('user_agent.original', agent);
}
