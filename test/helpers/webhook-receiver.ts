// A real HTTP receiver that records the JSON bodies POSTed to it (alert webhooks, Slack).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running receiver. */
export interface WebhookReceiver {
  url: string;
  bodies: any[];
  waitFor(predicate: (bodies: any[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver on 127.0.0.1 and a free port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const bodies: any[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString()));
    req.on('end', () => {
      try {
        bodies.push(JSON.parse(data));
      } catch {
        bodies.push(data);
      }
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    bodies,
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(bodies)) {
        if (Date.now() > deadline) throw new Error(`webhook: condition not met in ${timeoutMs} ms; got ${JSON.stringify(bodies).slice(0, 500)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}
