// The HTTP servers of the app, learnt from their first request, so a SIGTERM can stop them
// gracefully: no new connections, idle keep-alive sockets closed, in-flight requests answered.
import type http from 'node:http';

/** A set of servers that forgets each one when it closes. */
export class ServerRegistry {
  private readonly servers = new Set<http.Server>();

  track(server: http.Server): void {
    if (this.servers.has(server)) return;
    this.servers.add(server);
    server.once('close', () => this.servers.delete(server));
  }

  /**
   * Stops accepting, closes idle connections (again every 100 ms, as in-flight ones finish),
   * and resolves when every server has closed or `deadlineMs` has passed; then the remaining
   * connections are cut. Resolves true when everything closed in time.
   */
  async close(deadlineMs: number): Promise<boolean> {
    const servers = [...this.servers];
    if (servers.length === 0) return true;
    const closed = Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    const sweep = setInterval(() => servers.forEach((s) => s.closeIdleConnections()), 100);
    servers.forEach((s) => s.closeIdleConnections());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
    const inTime = await Promise.race([closed.then(() => true as const), timeout]);
    clearInterval(sweep);
    clearTimeout(timer);
    if (!inTime) servers.forEach((s) => s.closeAllConnections());
    return inTime;
  }
}
