// Trend recommendations speak only when the data covers their window: the shipped memory-trend
// (predict_linear over 1h) stays quiet 20 s after a start however steep the start-up climb, and
// applies once an hour of growth is held; with Prometheus (history kept) it is evaluated at once.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'vitest';
import { CoverageCheck } from '../../src/rules/engine/coverage.js';
import { loadRuleFiles } from '../../src/rules/files/index.js';
import { EmbeddedSource } from '../../src/rules/promql/index.js';
import { activeRecommendations } from '../../src/rules/runtime/recommendations.js';
import { SeriesStore } from '../../src/rules/scrape/index.js';
import { ScriptedSource, sample } from '../helpers/rules-engine.js';
import { repoRoot } from '../helpers/spawn-server.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');

async function shipped() {
  const loaded = await loadRuleFiles(path.join(repoRoot, 'alert-rules'));
  assert.ok(loaded.ok);
  return loaded.ruleSet;
}

/** Resident memory scraped every 15 s for `seconds`, growing `perSecond` bytes a second from 200 MB. */
function memory(seconds: number, perSecond: number): EmbeddedSource {
  const store = new SeriesStore({ retentionMs: 2 * 3600_000 });
  for (let t = 0; t <= seconds; t += 15) {
    store.append({ __name__: 'process_resident_memory_bytes', job: 'foresight', instance: 'a:9464' }, T0 + t * 1000, 200e6 + perSecond * t);
  }
  return new EmbeddedSource({ store });
}

const ids = (recs: Array<{ id: string }>) => recs.map((r) => r.id);

test('20 s after a start, a steep climb raises no memory-trend recommendation', async () => {
  const rules = await shipped();
  const source = memory(20, 5e6); // 100 MB in 20 s: predict_linear says 2 GiB within 4 h
  assert.ok(source.querySync('predict_linear(process_resident_memory_bytes[1h], 14400) > 2147483648', T0 + 20_000).length > 0, 'the bare condition holds');
  const coverage = new CoverageCheck(source, () => rules);
  const recs = await activeRecommendations(rules, new Set(), source, T0 + 20_000, [], (e, now) => coverage.ofExpr(e, now));
  assert.ok(!ids(recs).includes('memory-trend'), JSON.stringify(ids(recs)));
});

test('with an hour of growth held, it applies', async () => {
  const rules = await shipped();
  const source = memory(3600, 200_000); // 720 MB an hour: past 2 GiB within 4 h
  const coverage = new CoverageCheck(source, () => rules);
  const recs = await activeRecommendations(rules, new Set(), source, T0 + 3600_000, [], (e, now) => coverage.ofExpr(e, now));
  assert.ok(ids(recs).includes('memory-trend'), JSON.stringify(ids(recs)));
});

test('a source that keeps history (Prometheus) is evaluated at once', async () => {
  const rules = await shipped();
  const source = new ScriptedSource().set('predict_linear(process_resident_memory_bytes[1h], 14400) > 2147483648', [sample(3e9)]);
  const coverage = new CoverageCheck(source, () => rules);
  const recs = await activeRecommendations(rules, new Set(), source, T0, [], (e, now) => coverage.ofExpr(e, now));
  assert.ok(ids(recs).includes('memory-trend'));
});
