// The live request window (percentiles, the one-minute window, rates from the first request,
// per-route 5xx counts), the hot forecast keys behind cache preloading, and the two severity
// scales of the alerts API.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { RequestWindow } from '../../src/perf/requests.js';
import { HotKeys } from '../../src/prediction/index.js';
import { seedLevel, severityBreakdown, severityMatches } from '../../src/rules/severity.js';

test('the window reports nearest-rank percentiles, min, max and average of the last minute', () => {
  let now = 1_000_000;
  const w = new RequestWindow({ clock: () => now });
  for (let i = 1; i <= 100; i++) w.record('/a', i, 200);
  const f = w.figures();
  assert.equal(f.count, 100);
  assert.deepEqual(f.latency_ms, { avg: 50.5, min: 1, max: 100, p50: 50, p95: 95, p99: 99 });
  assert.equal(f.error_rate, 0);
  now += 61_000;
  const later = w.figures();
  assert.equal(later.count, 0, 'requests older than the window are out');
  assert.equal(later.latency_ms, null);
});

test('the rate counts from the first request, not over a whole empty minute', () => {
  let now = 0;
  const w = new RequestWindow({ clock: () => now });
  now = 5_000;
  for (let i = 0; i < 10; i++) w.record('/a', 1, 200);
  now = 10_000; // 5 s after the first request
  assert.equal(w.figures().rate, 2);
});

test('route filters, 5xx shares and per-route error totals', () => {
  const w = new RequestWindow();
  w.record('/p', 10, 200);
  w.record('/p', 20, 503);
  w.record('/q', 30, 500);
  w.record('/q', 40, 404);
  const p = w.figures(new Set(['/p']));
  assert.equal(p.count, 2);
  assert.equal(p.error_rate, 50);
  assert.equal(w.figures().error_rate, 50);
  assert.equal(w.serverErrors(['/p']), 1);
  assert.equal(w.serverErrors(['/p', '/q', '/none']), 2);
  assert.deepEqual(w.totals(), { requests: 4, server_errors: 2 });
});

test('the ring keeps the newest requests when it is full', () => {
  const w = new RequestWindow({ capacity: 3 });
  for (const d of [100, 1, 2, 3]) w.record('/a', d, 200);
  assert.equal(w.figures().latency_ms!.max, 3);
  assert.throws(() => new RequestWindow({ capacity: 0 }), /capacity must be an integer >= 1, got 0/);
  assert.throws(() => new RequestWindow({ windowMs: 10 }), /windowMs must be at least 1000, got 10/);
});

test('hot keys: most requested first; a full table drops the coldest, and a newcomer starts above it', () => {
  const hot = new HotKeys({ capacity: 2 });
  for (let i = 0; i < 5; i++) hot.hit('berlin', '2026-01-01');
  hot.hit('paris', '2026-01-01');
  hot.hit('paris', '2026-01-01');
  hot.hit('rome', '2026-01-02'); // evicts paris (2), starts at 3
  assert.deepEqual(hot.top(5), [
    { city: 'berlin', date: '2026-01-01', requests: 5 },
    { city: 'rome', date: '2026-01-02', requests: 3 },
  ]);
  assert.equal(hot.size, 2);
  assert.deepEqual(hot.top(1).map((k) => k.city), ['berlin']);
  assert.throws(() => new HotKeys({ capacity: 1.5 }), /capacity must be an integer >= 1, got 1.5/);
});

test('severity scales: info=low, warning=high, critical=critical; either name filters', () => {
  assert.equal(seedLevel('warning'), 'high');
  assert.equal(seedLevel('info'), 'low');
  assert.equal(seedLevel('critical'), 'critical');
  assert.equal(seedLevel('medium'), 'medium', 'a label already on the seed scale keeps its name');
  assert.equal(seedLevel('page'), undefined);
  assert.ok(severityMatches('warning', 'high'));
  assert.ok(severityMatches('warning', 'warning'));
  assert.ok(!severityMatches('warning', 'medium'));
  assert.ok(!severityMatches('critical', 'high'));
  assert.deepEqual(severityBreakdown(['warning', 'warning', 'critical', 'info']), {
    info: 1, warning: 2, critical: 1, low: 1, medium: 0, high: 2,
  });
});
