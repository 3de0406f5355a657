// The HTTP servers of the app, learnt from their first request, so a SIGTERM can stop them
// gracefully (drain.ts: no new connections, in-flight requests answered, keep-alive closed).
import type http from 'node:http';
import { drainServer } from './drain.js';

/** A set of servers that forgets each one when it closes. */
export class ServerRegistry {
  private readonly servers = new Set<http.Server>();
  // Most processes serve from one server: it is recognised without a lookup per request.
  private last: http.Server | undefined;

  track(server: http.Server): void {
    if (server === this.last) return;
    this.last = server;
    if (this.servers.has(server)) return;
    this.servers.add(server);
    server.once('close', () => {
      this.servers.delete(server);
      if (this.last === server) this.last = undefined;
    });
  }

  /** Drains every server at once; resolves true when all closed within `deadlineMs`. */
  async close(deadlineMs: number): Promise<boolean> {
    const results = await Promise.all([...this.servers].map((s) => drainServer(s, deadlineMs)));
    return results.every(Boolean);
  }
}
