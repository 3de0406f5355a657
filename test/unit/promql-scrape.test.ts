// The exposition parser, and the scraper against real local HTTP servers: labels added as
// Prometheus adds them, `up`, staleness of vanished series, and failing targets that are
// counted and logged once per state change but never throw.
import { test } from 'vitest';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { setLogger } from '../../src/log/index.js';
import { EmbeddedSource } from '../../src/rules/promql/index.js';
import { Scraper, SeriesStore, parseExposition } from '../../src/rules/scrape/index.js';
import { waitFor } from '../helpers/wait-for.js';

const BODY = `# HELP req_total Requests.
# TYPE req_total counter
req_total{path="/a",code="200"} 10
req_total{path="/b\\"q\\\\\\n",code="500"} 2 1700000000000
# a comment
temp +Inf
other -Inf
ratio NaN
h_bucket{le="+Inf"} 4
broken{a="1" 3
bad_value 1x
`;

test('exposition: HELP/TYPE, escapes, +Inf/-Inf/NaN, timestamps, malformed lines counted', () => {
  const e = parseExposition(BODY);
  assert.equal(e.types.get('req_total'), 'counter');
  assert.equal(e.samples.length, 6);
  assert.deepEqual(e.samples[0], { labels: { __name__: 'req_total', path: '/a', code: '200' }, value: 10 });
  assert.deepEqual(e.samples[1], { labels: { __name__: 'req_total', path: '/b"q\\\n', code: '500' }, value: 2, timestampMs: 1_700_000_000_000 });
  assert.equal(e.samples[2]!.value, Infinity);
  assert.equal(e.samples[3]!.value, -Infinity);
  assert.ok(Number.isNaN(e.samples[4]!.value));
  assert.equal(e.samples[5]!.labels.le, '+Inf');
  assert.deepEqual(e.errors.map((x) => x.line), [10, 11]);
});

interface Served {
  url: string;
  body: { text: string; status: number };
  close: () => Promise<void>;
}

async function serve(text: string): Promise<Served> {
  const body = { text, status: 200 };
  const server = http.createServer((_req, res) => {
    res.writeHead(body.status, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(body.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/metrics`, body, close: () => new Promise((r) => server.close(() => r())) };
}

test('scraper: job/instance labels, up, staleness of vanished series, a failing target', async () => {
  const target = await serve('req_total{path="/a",job="app"} 1\nreq_total{path="/b"} 5\n');
  const failing = await serve('');
  failing.body.status = 500;
  const logs: string[] = [];
  setLogger(pino({ level: 'info' }, new Writable({ write: (chunk, _e, cb) => (logs.push(String(chunk)), cb()) })));
  let now = 1_000_000;
  const store = new SeriesStore();
  const scraper = new Scraper({ store, targets: [target.url, { url: failing.url, job: 'other' }], now: () => now });
  const src = new EmbeddedSource({ store });
  const instance = new URL(target.url).host;
  try {
    await scraper.scrapeOnce();
    const a = src.querySync('req_total{path="/a"}', now)[0]!;
    assert.deepEqual(a.labels, { __name__: 'req_total', path: '/a', job: 'foresight', exported_job: 'app', instance });
    assert.deepEqual(src.querySync('up', now).map((s) => `${s.labels.job} ${s.value}`).sort(), ['foresight 1', 'other 0']);
    assert.equal(src.querySync('scrape_samples_scraped', now).find((s) => s.labels.job === 'foresight')!.value, 2);
    assert.equal(scraper.failuresOf(failing.url), 1);

    target.body.text = 'req_total{path="/a",job="app"} 3\n';
    now += 15_000;
    await scraper.scrapeOnce();
    assert.deepEqual(src.querySync('req_total', now).map((s) => s.labels.path), ['/a'], '/b went stale, not 5 minutes later');
    assert.equal(src.querySync('increase(req_total{path="/a"}[1m])', now)[0]!.labels.path, '/a');
    assert.equal(scraper.failuresOf(failing.url), 2);
    assert.equal(logs.filter((l) => l.includes('rules scrape target down')).length, 1, 'logged once per state change');

    failing.body.status = 200;
    failing.body.text = 'x 1\n';
    now += 15_000;
    await scraper.scrapeOnce();
    assert.equal(src.querySync('up{job="other"}', now)[0]!.value, 1);
    assert.equal(logs.filter((l) => l.includes('rules scrape target up')).length, 2);

    // The server goes away entirely: the scrape still resolves, its series go stale, up is 0.
    await target.close();
    now += 15_000;
    await scraper.scrapeOnce();
    assert.deepEqual(src.querySync('req_total', now), []);
    assert.equal(src.querySync('up{job="foresight"}', now)[0]!.value, 0);
  } finally {
    await failing.close();
    setLogger(pino({ level: 'silent' }));
  }
});

test('scraper: start/stop loop scrapes on the interval and validates options', async () => {
  const target = await serve('g 1\n');
  const store = new SeriesStore();
  const scraper = new Scraper({ store, targets: [target.url], intervalMs: 20 });
  try {
    scraper.start();
    scraper.start(); // idempotent
    // Counted, not timed: a loaded machine scrapes fewer times in a given window.
    const scraped = () => store.seriesNamed('g')[0]?.samples.size ?? 0;
    await waitFor('three scrapes', () => scraped() >= 3);
    await scraper.stop();
    const atStop = scraped();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(scraped(), atStop, 'no scrape after stop');
  } finally {
    await target.close();
  }
  assert.throws(() => new Scraper({ store, targets: [target.url], intervalMs: 0 }), /intervalMs must be > 0, got 0/);
  assert.throws(() => new Scraper({ store, targets: ['not a url'] }), /invalid target URL "not a url"/);
  // No default target: which /metrics to watch is the caller's (the configuration's) to say.
  assert.throws(() => new Scraper({ store, targets: [] }), /targets must list at least one \/metrics URL/);
  assert.match(new Scraper({ store, targets: [target.url] }).intervalMs.toString(), /^15000$/);
});
