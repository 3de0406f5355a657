// Shares PGlite's one backend session between many sockets without mixing their protocol state.
//
// pglite-socket's own multiplexer hands the session to another socket between any two messages
// unless an explicit transaction is open. With pg's extended protocol a query is five messages
// (Parse, Bind, Describe, Execute, Sync) and another socket's Parse in between replaces the
// unnamed statement: we measured wrong answers and `portal "" does not exist` with a transaction
// running next to parameterised reads. Here a socket keeps the session from its first message
// until a Sync or simple Query completes outside a transaction block.
import type { PGlite } from '@electric-sql/pglite';

interface Job {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (err: Error) => void;
}

const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);
const PROTOCOL_3 = 196608;

/** Query message `ROLLBACK` (type Q, length, text, NUL). */
const ROLLBACK = (() => {
  const text = Buffer.from('ROLLBACK\0');
  const msg = Buffer.alloc(5 + text.length);
  msg.write('Q', 0);
  msg.writeInt32BE(4 + text.length, 1);
  text.copy(msg, 5);
  return new Uint8Array(msg);
})();

// Messages after which the client waits for ReadyForQuery: the exchange is complete.
function completesExchange(message: Uint8Array): boolean {
  const isStartup = message.length >= 8 && Buffer.from(message.buffer, message.byteOffset, 8).readInt32BE(4) === PROTOCOL_3;
  if (isStartup) return true;
  const type = message[0];
  return type === 0x53 /* S */ || type === 0x51 /* Q */ || type === 0x58; /* X */
}

/** The queue PGLiteSocketHandler drives (same three methods as pglite-socket's own). */
export class SessionQueue {
  private jobs: Job[] = [];
  private owner: number | null = null;
  private running = false;

  constructor(private readonly db: PGlite) {}

  /** Runs `message` of socket `handlerId` when the session is free or already its own. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.jobs.push({ handlerId, message, onData, resolve, reject });
      void this.pump();
    });
  }

  /** Fails the queued messages of a socket that went away. */
  clearQueueForHandler(handlerId: number): void {
    this.jobs = this.jobs.filter((job) => {
      if (job.handlerId !== handlerId) return true;
      job.reject(new Error('client disconnected'));
      return false;
    });
  }

  /** If the departed socket held the session: ends its half-sent query and open transaction. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    await this.db.runExclusive(async () => {
      const discard = { onRawData: () => {} };
      await this.db.execProtocolRawStream(SYNC, discard);
      if (this.db.isInTransaction()) await this.db.execProtocolRawStream(ROLLBACK, discard);
    });
    this.owner = null;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner === null ? (this.jobs.length > 0 ? 0 : -1) : this.jobs.findIndex((j) => j.handlerId === this.owner);
        if (index < 0) break;
        const job = this.jobs.splice(index, 1)[0]!;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(job.message, {
              onRawData: (data) => {
                bytes += data.length;
                job.onData(data);
              },
            }),
          );
          job.resolve(bytes);
        } catch (err) {
          job.reject(err as Error);
        } finally {
          this.owner = completesExchange(job.message) && !this.db.isInTransaction() ? null : job.handlerId;
        }
      }
    } finally {
      this.running = false;
    }
  }
}
