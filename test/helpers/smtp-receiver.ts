// A real SMTP server (the `smtp-server` package) on a free loopback port that keeps every
// message it accepts, raw, with its envelope; it can be told to refuse recipients or data.
import { SMTPServer } from 'smtp-server';

/** One accepted message. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** The body of a single-part text message as a mail client shows it (quoted-printable or base64 decoded). */
export function bodyText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, split);
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** A running SMTP receiver. */
export interface SmtpReceiver {
  url: string;
  messages: ReceivedMail[];
  /** Answers RCPT TO with this SMTP code and text (e.g. 550) until set back to undefined. */
  refuseRecipients: { code: number; text: string } | undefined;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** Starts the receiver; no TLS, no authentication. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ReceivedMail[] = [];
  const receiver = {} as SmtpReceiver;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refuse = receiver.refuseRecipients;
      if (!refuse) return callback();
      const err = Object.assign(new Error(refuse.text), { responseCode: refuse.code });
      callback(err);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as { port: number };
  return Object.assign(receiver, {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseRecipients: undefined,
    async waitFor(count: number, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
