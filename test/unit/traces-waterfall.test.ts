// The terminal waterfall of a known trace and the trace table, as `foresight traces` prints them.
import assert from 'node:assert/strict';
import { test } from 'vitest';
import { renderTraceTable, renderWaterfall } from '../../src/traces/index.js';
import { harness, query, server } from './traces-fixtures.js';

test('waterfall: names indented by depth, offsets, bars to scale, the critical path and errors marked', () => {
  const h = harness();
  const id = h.record(
    server('/api/v1/predict', 0, 40, [
      query('SELECT weather', 0, 10),
      { name: 'batch.process', start: 10, end: 40, children: [{ name: 'model.inference', start: 20, end: 40, error: true }] },
    ]),
  );
  const text = renderWaterfall(h.store.get(id)!, { width: 100 });
  const lines = text.trimEnd().split('\n');
  assert.match(lines[0]!, new RegExp(`^trace ${id}  GET /api/v1/predict  40.0 ms  4 spans  ERROR$`));
  assert.match(lines[2]!, /OFFSET +DURATION +SPAN +\|0 ms +40\.0 ms\|$/);
  const rows = lines.slice(3);
  assert.equal(rows.length, 4);
  // label width: depth 1 * 2 + "pg.query:SELECT foresight".length + 2 = 29; bar width = 100 - 21 - 29 - 2 = 48
  const bar = (row: string) => row.slice(row.indexOf('|') + 1, row.lastIndexOf('|'));
  assert.equal(bar(rows[0]!), '█'.repeat(48), 'the root spans the whole width');
  assert.equal(bar(rows[1]!), '▒'.repeat(12) + ' '.repeat(36), 'the query: first quarter, not critical');
  assert.equal(bar(rows[2]!), ' '.repeat(12) + '█'.repeat(36));
  assert.equal(bar(rows[3]!), ' '.repeat(24) + '█'.repeat(24));
  assert.match(rows[0]!, /^ +0\.00 ms +40\.0 ms {2}\* GET \/api\/v1\/predict/);
  assert.match(rows[1]!, /^ +0\.00 ms +10\.0 ms {6}pg\.query/);
  assert.match(rows[2]!, /^ +10\.0 ms +30\.0 ms {4}\* batch\.process/);
  assert.match(rows[3]!, /^ +20\.0 ms +20\.0 ms {6}\*!model\.inference/);
  for (const r of rows) assert.equal(r.length, 100, `every row is 100 columns: ${JSON.stringify(r)}`);
});

test('waterfall: colours only when asked', () => {
  const h = harness();
  const id = h.record(server('/x', 0, 5, [{ name: 'bad', start: 1, end: 2, error: true }]));
  assert.ok(!renderWaterfall(h.store.get(id)!).includes('\x1b['));
  assert.ok(renderWaterfall(h.store.get(id)!, { color: true }).split('\n').some((l) => l.startsWith('\x1b[31m') && l.includes('bad')));
});

test('table: one aligned row per trace; an empty list says why', () => {
  const h = harness();
  const slow = h.record(server('/slow', 0, 812.5));
  h.record(server('/err', 0, 3, [], 500));
  const text = renderTraceTable(h.store.list());
  const lines = text.trimEnd().split('\n');
  assert.match(lines[0]!, /^TRACE ID +DURATION +SPANS +STATUS +STARTED +ROOT$/);
  assert.match(lines[1]!, new RegExp(`^${slow} +813 ms +1  ok +00:00:00\\.001  GET /slow \\(kept: slow\\)$`));
  assert.match(lines[2]!, /3\.00 ms +1 {2}ERROR .* GET \/err \(kept: error\)$/);
  assert.match(renderTraceTable([]), /no traces match/);
});
