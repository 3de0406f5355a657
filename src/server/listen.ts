// Serving a Hono fetch handler on a host and port, resolved once it listens.
import { serve, type ServerType } from '@hono/node-server';

/** Listens on `hostname:port`; rejects on a listen error (the port taken). */
export function listen(fetch: (req: Request) => Response | Promise<Response>, hostname: string, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server));
    server.once('error', reject);
  });
}
