// `npm run bench:agent:instructions`: what the agent costs a request, in instructions counted
// under callgrind (see bench/agent/instructions.ts), for the apps and contenders of
// bench:agent. The same figures whatever the machine is doing, unlike the load rounds; slow
// (a minute or more per contender) and needs valgrind. Prints per-request counts and the ratio
// plain/contender of the steady counts, the share of plain's throughput the contender would
// keep on a CPU-bound server; writes bench/results/agent-instructions.json.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { progressBar } from '../src/cli/progress.js';
import { repoRoot } from '../test/helpers/spawn-server.js';
import { checkContenders } from './agent/contenders.js';
import { checkValgrind, countInstructions, VARIANTS, type InstructionCount, type Variant } from './agent/instructions.js';
import { appList } from './agent/options.js';
import { startOtlpSink } from './agent/sink.js';

const USAGE = `usage: node dist/bench/agent-instructions.js [options]
  --apps a,b          apps (default hono,express)
  --contenders a,b    plain, foresight (counted unsampled and all traced), stock (default all)
  --requests N        requests counted per contender (default 3000)
  --warmup N          requests sent first, not counted (default 8000)
  --help              this text`;

function positive(raw: string | undefined, flag: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${flag} must be an integer >= 1, got "${raw}"`);
  return n;
}

function variantList(raw: string | undefined): Variant[] {
  if (raw === undefined) return VARIANTS;
  const names = raw.split(',').map((s) => s.trim());
  for (const n of names) if (!VARIANTS.some((v) => v.contender === n)) throw new RangeError(`--contenders: unknown "${n}" (known: plain, foresight, stock)`);
  return VARIANTS.filter((v) => names.includes(v.contender));
}

async function main() {
  let o;
  try {
    const { values } = parseArgs({
      strict: true,
      options: { apps: { type: 'string' }, contenders: { type: 'string' }, requests: { type: 'string' }, warmup: { type: 'string' }, help: { type: 'boolean' } },
    });
    if (values.help) return void console.log(USAGE);
    o = {
      apps: appList(values.apps, '--apps'),
      variants: variantList(values.contenders),
      requests: positive(values.requests, '--requests', 3000),
      warmup: positive(values.warmup, '--warmup', 8000),
    };
  } catch (err) {
    console.error(`bench:agent:instructions: ${(err as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  checkContenders();
  await checkValgrind();
  const sink = await startOtlpSink();
  const counts: InstructionCount[] = [];
  const total = o.apps.length * o.variants.length;
  const bar = progressBar('instructions per request'.padEnd(28));
  try {
    for (const app of o.apps) {
      for (const variant of o.variants) {
        bar.update(counts.length, total, `${app}, ${variant.label}, under callgrind`);
        counts.push(await countInstructions(app, variant, sink.url, o.requests, o.warmup));
      }
    }
    bar.done(`${total} counted`);
  } finally {
    await sink.close();
  }
  console.table(counts);
  const ratios = Object.fromEntries(
    o.apps.map((app) => {
      const of = (label: string) => counts.find((x) => x.app === app && x.variant === label)?.steady;
      const plain = of('plain');
      const keeps = (label: string) => (plain && of(label) ? Math.round((plain / of(label)!) * 1000) / 1000 : undefined);
      const added = (label: string) => (plain && of(label) ? of(label)! - plain : undefined);
      return [
        app,
        {
          foresight_unsampled_keeps_of_plain: keeps('foresight, unsampled'),
          foresight_all_traced_keeps_of_plain: keeps('foresight, all traced'),
          stock_keeps_of_plain: keeps('stock'),
          added_per_unsampled_request: added('foresight, unsampled'),
          added_per_traced_request: added('foresight, all traced'),
        },
      ];
    }),
  );
  console.log('plain steady instructions / contender steady instructions (the share of a CPU-bound plain app\'s throughput it keeps):');
  console.log(ratios);
  const out = { date: new Date().toISOString(), node: process.version, options: o, counts, ratios };
  const file = path.join(repoRoot, 'bench/results/agent-instructions.json');
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`written: ${path.relative(repoRoot, file)}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
