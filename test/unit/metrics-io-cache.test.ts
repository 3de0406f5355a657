// The metrics behind the new dashboard panels: network and disk I/O parsed from /proc's formats
// (and read from the real /proc here, on Linux), the in-process cache's size and entries, and
// the TTL each entry is set with.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'vitest';
import { TieredCache } from '../../src/cache/index.js';
import { PREDICTION_METRICS, SYSTEM_METRICS } from '../../src/metrics/index.js';
import { observeIo, readDiskIo, readNetworkIo } from '../../src/perf/io-metrics.js';
import { installMetricReader } from '../helpers/metric-reader.js';

const collected = installMetricReader();

const NET_DEV = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: 4819019490 16950887    0    0    0     0          0         0 4819019490 16950887    0    0    0     0       0          0
  eth0: 522238170   27336    0    0    0     0          0         0  2864199   22109    0    0    0     0       0          0
`;

test('/proc formats: bytes per interface and direction, and the process read/write bytes', () => {
  assert.deepEqual(readNetworkIo(NET_DEV), [
    { device: 'lo', receive: 4819019490, transmit: 4819019490 },
    { device: 'eth0', receive: 522238170, transmit: 2864199 },
  ]);
  assert.deepEqual(readDiskIo('rchar: 6976\nwchar: 0\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n'), { read: 4096, write: 8192 });
  assert.equal(readDiskIo('rchar: 1\n'), undefined);
  assert.deepEqual(readNetworkIo('garbage'), []);
});

test('the I/O counters carry the contract names and labels, from the real /proc on Linux', async (t) => {
  if (!fs.existsSync('/proc/self/net/dev')) return t.skip('no /proc (not Linux)');
  observeIo();
  const net = await collected(SYSTEM_METRICS.networkIo);
  assert.ok(net && net.dataPoints.length >= 2);
  for (const p of net.dataPoints) assert.deepEqual(Object.keys(p.attributes).sort(), ['device', 'direction']);
  assert.ok(net.dataPoints.some((p) => p.attributes.device === 'lo' && p.attributes.direction === 'receive'));
  const disk = await collected(SYSTEM_METRICS.diskIo);
  assert.deepEqual(disk?.dataPoints.map((p) => p.attributes.direction).sort(), ['read', 'write']);
});

test('cache size, entries and the TTL distribution of the entries set', async () => {
  const cache = new TieredCache({ maxEntries: 100, defaultTtlSeconds: 3600, ttlJitter: 0 });
  await cache.set('a', { v: 'x'.repeat(100) });
  await cache.set('b', 1, { ttlSeconds: 60 });
  const bytes = await collected(PREDICTION_METRICS.cacheSizeBytes);
  const entries = await collected(PREDICTION_METRICS.cacheEntries);
  assert.equal(entries?.dataPoints[0]?.value, 2);
  assert.equal(bytes?.dataPoints[0]?.value, cache.stats().total_size);
  const ttl = await collected(PREDICTION_METRICS.cacheTtlSeconds);
  const h = ttl?.dataPoints[0]?.value as { count: number; sum: number; buckets: { boundaries: number[]; counts: number[] } };
  assert.equal(h.count, 2);
  assert.equal(h.sum, 3660);
  assert.ok(h.buckets.boundaries.includes(3600) && h.buckets.boundaries.includes(60));
  await cache.close();
});
