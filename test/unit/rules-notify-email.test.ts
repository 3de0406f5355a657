// The email channel against a real SMTP server started here: the message reaches the server
// with the sender, recipients, subject and body asserted; only the configured severities are
// sent; a refused recipient (5xx) is final, a server that is away is retried; options are
// checked with precise messages. The rules runtime builds the channel from its options.
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import { EmailNotifier, emailMessage, NotifierQueue, NotifyError, type AlertNotification } from '../../src/rules/notify/index.js';
import { createNotifiers } from '../../src/rules/runtime/notifiers.js';
import { freePort } from '../helpers/ports.js';
import { bodyText, startSmtpReceiver, type SmtpReceiver } from '../helpers/smtp-receiver.js';

const T0 = Date.parse('2026-01-20T10:00:00Z');
const signal = () => AbortSignal.timeout(10_000);

function alert(over: Partial<AlertNotification> & { labels: Record<string, string> }): AlertNotification {
  return {
    id: '7', fingerprint: 'a'.repeat(40), status: 'firing',
    annotations: { summary: 'Database connection pool holds 19 connections', description: 'The pool is at 95% of DB_POOL_MAX.', runbook: 'alert-rules/README.md#databaseconnectionpoolhigh' },
    startsAtMs: T0, validUntilMs: T0 + 60_000, generatorURL: 'http://localhost:8080/api/v1/performance/alerts?alertname=DatabaseConnectionPoolHigh', value: 95,
    ...over,
  };
}

const critical = alert({ labels: { alertname: 'DatabaseConnectionPoolHigh', severity: 'critical', job: 'foresight' } });
const warning = alert({ id: '8', labels: { alertname: 'CacheHitRateLow', severity: 'warning' }, annotations: { summary: 'Cache hit rate is 60%' } });

let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(async () => smtp?.close());

test('a critical alert is mailed: envelope, subject and body as the administrator reads them', async () => {
  const email = new EmailNotifier({ smtpUrl: smtp.url, from: 'foresight <alerts@example.org>', to: ['ops@example.org', 'dba@example.org'] });
  await email.send([critical, warning], signal());
  const [mail] = await smtp.waitFor(1);
  assert.equal(mail!.from, 'alerts@example.org');
  assert.deepEqual(mail!.to, ['ops@example.org', 'dba@example.org']);
  assert.match(mail!.raw, /^Subject: \[FIRING:1\] DatabaseConnectionPoolHigh\r?$/m, 'the warning is not mailed by default');
  assert.match(mail!.raw, /^From: foresight <alerts@example\.org>\r?$/m);
  const body = bodyText(mail!.raw);
  assert.match(body, /FIRING critical: Database connection pool holds 19 connections/);
  assert.match(body, /The pool is at 95% of DB_POOL_MAX\./);
  assert.match(body, /Since: 2026-01-20T10:00:00\.000Z/);
  assert.match(body, /alertname=DatabaseConnectionPoolHigh/);
  assert.match(body, /Runbook: alert-rules\/README\.md#databaseconnectionpoolhigh/);
  assert.doesNotMatch(body, /CacheHitRateLow/);
  email.close();
});

test('the configured severities are mailed, resolved ones included; none matching sends nothing', async () => {
  smtp.messages.length = 0;
  const email = new EmailNotifier({ smtpUrl: smtp.url, from: 'a@example.org', to: ['b@example.org'], severities: ['warning'] });
  await email.send([critical], signal());
  await email.send([{ ...warning, status: 'resolved', endsAtMs: T0 + 120_000 }], signal());
  const [mail] = await smtp.waitFor(1);
  assert.equal(smtp.messages.length, 1);
  assert.match(mail!.raw, /^Subject: \[RESOLVED\] CacheHitRateLow\r?$/m);
  assert.match(bodyText(mail!.raw), /Resolved at: 2026-01-20T10:02:00\.000Z/);
  email.close();
});

test('a refused recipient is final; a server that is not there is retried', async () => {
  smtp.refuseRecipients = { code: 550, text: 'no such mailbox' };
  const refused = new EmailNotifier({ smtpUrl: smtp.url, from: 'a@example.org', to: ['nobody@example.org'] });
  const err = await refused.send([critical], signal()).then(() => undefined, (e: unknown) => e);
  smtp.refuseRecipients = undefined;
  assert.ok(err instanceof NotifyError, String(err));
  assert.equal(err.retryable, false);
  assert.equal(err.status, 550);
  const away = new EmailNotifier({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, from: 'a@example.org', to: ['b@example.org'], timeoutMs: 2000 });
  const down = await away.send([critical], signal()).then(() => undefined, (e: unknown) => e);
  assert.ok(down instanceof NotifyError && down.retryable, String(down));
});

test('through the notifier queue the rules service uses, and built from the runtime options', async () => {
  smtp.messages.length = 0;
  const [email] = createNotifiers({ email: { smtpUrl: smtp.url, from: 'a@example.org', to: ['ops@example.org'], severities: ['critical'] } }, 'http://x');
  assert.equal(email!.name, 'email');
  const queue = new NotifierQueue(email!);
  queue.enqueue([critical]);
  await queue.idle();
  await smtp.waitFor(1);
  assert.equal(queue.stats.success, 1);
  await queue.close(100);
});

test('options are checked with precise messages', () => {
  assert.throws(() => new EmailNotifier({ smtpUrl: 'http://x', from: 'a@b', to: ['c@d'] }), /smtpUrl must use smtp or smtps, got http:/);
  assert.throws(() => new EmailNotifier({ smtpUrl: 'nope', from: 'a@b', to: ['c@d'] }), /smtpUrl must be an smtp:\/\/ or smtps:\/\/ URL/);
  assert.throws(() => new EmailNotifier({ smtpUrl: 'smtp://x', from: 'a@b', to: [] }), /to must list at least one address/);
  assert.throws(() => new EmailNotifier({ smtpUrl: 'smtp://x', from: 'nobody', to: ['c@d'] }), /from must be an address/);
  assert.equal(emailMessage([critical, warning]).subject, '[FIRING:2] DatabaseConnectionPoolHigh, CacheHitRateLow');
});
