// A graceful stop of an HTTP server: no new connections, in-flight requests answered, idle
// keep-alive connections closed and busy ones after their response (`Connection: close`), so a
// client that keeps its connection busy cannot hold the process open; whatever is still open
// at the deadline is cut.
import type http from 'node:http';
import net from 'node:net';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

// The listener stays open until no connection has arrived for QUIET_MS (at most MAX_ACCEPT_MS).
const QUIET_MS = 50;
const MAX_ACCEPT_MS = 250;
// How often connections that became idle (their response sent) are closed.
const SWEEP_MS = 50;

/** Stops `server`; resolves true when every connection ended before `deadlineMs`, false when some were cut. */
export async function drainServer(server: http.Server, deadlineMs: number): Promise<boolean> {
  if (!server.listening) return true;
  const started = Date.now();
  // A response finishing now tells its client this connection ends, so it reconnects elsewhere.
  const closing = function closeAfterResponse(_req: http.IncomingMessage, res: http.ServerResponse) {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  server.prependListener('request', closing);
  await acceptBacklog(server, Math.min(MAX_ACCEPT_MS, deadlineMs));
  // net.Server#close only stops accepting; http.Server#close would also close the connections
  // it sees idle, which the sweep below does once their requests have been read.
  const closed = new Promise<void>((resolve) => net.Server.prototype.close.call(server, () => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), SWEEP_MS);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), Math.max(0, deadlineMs - (Date.now() - started)))));
  try {
    const inTime = await Promise.race([closed.then(() => true as const), late]);
    if (!inTime) {
      server.closeAllConnections();
      await closed;
    }
    return inTime;
  } finally {
    clearInterval(sweep);
    clearTimeout(timer);
    server.off('request', closing);
  }
}

/**
 * Connections a client opened before the signal may still wait in the kernel's listen backlog
 * when the process is busy; closing the listener resets them, so a request sent in time would
 * fail. Accept until the backlog is quiet. Each check comes after a poll phase of the event
 * loop (a timer, then the next turn), so connections already waiting are accepted before it.
 */
async function acceptBacklog(server: http.Server, maxMs: number): Promise<void> {
  const started = Date.now();
  let last = started;
  const arrived = () => void (last = Date.now());
  server.on('connection', arrived);
  try {
    while (Date.now() - started < maxMs) {
      await sleep(10);
      await nextTurn();
      if (Date.now() - last >= QUIET_MS) return;
    }
  } finally {
    server.off('connection', arrived);
  }
}
