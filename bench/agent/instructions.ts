// Instructions per request under callgrind: the agent's cost counted, not timed. On these
// machines the same app's throughput moves by up to 2× from one run to the next (the CPU a
// virtual machine gets varies), so the load rounds of bench:agent scatter; an instruction count
// depends far less on what else the machine does (see bench/README.md for what still does). Each contender's app runs under
// `valgrind --tool=callgrind` with counting off; after a warm-up (JIT, pools) counting is
// switched on (`callgrind_control`) for a fixed number of requests and dumped.
//
// What the counts leave out, and why: V8's optimising compiler runs on background threads in a
// real process but on the one thread valgrind serialises everything onto, and when it compiles
// depends on time, which valgrind stretches 50-fold; garbage collection likewise. Both are
// reported on their own, and `steady` is the rest: the work each request does.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { APPS, cycle, type AppName } from './apps.js';
import { startApp } from './child.js';
import type { ContenderName } from './contenders.js';

const run = promisify(execFile);

/**
 * A contender, and the sampling it runs with. The agent's default samples 10 new traces a
 * second, which at the thousands of requests a second of a real run is a few in ten thousand,
 * but under valgrind's 50-fold slowdown a share hundreds of times larger: so foresight is
 * counted with every request left out by the head sampler (what nearly all cost at load) and
 * with every request traced (what one traced request costs), each on its own.
 */
export interface Variant {
  label: string;
  contender: ContenderName;
  env?: Record<string, string>;
}

export const VARIANTS: Variant[] = [
  { label: 'plain', contender: 'plain' },
  { label: 'foresight, unsampled', contender: 'foresight', env: { OTEL_TRACES_SAMPLER: 'parentbased_always_off' } },
  { label: 'foresight, all traced', contender: 'foresight', env: { OTEL_TRACES_SAMPLER: 'parentbased_always_on' } },
  // Its default: every request traced.
  { label: 'stock', contender: 'stock' },
];

/** One variant's count on one app, per request. */
export interface InstructionCount {
  app: AppName;
  variant: string;
  requests: number;
  total: number;
  /** V8's compilers (TurboFan, Maglev, Sparkplug, the parser). */
  compile: number;
  /** The garbage collector. */
  gc: number;
  /** `total` less `compile` and `gc`: what serving a request costs. */
  steady: number;
}

// Functions of the callgrind report by kind: compilation and GC are kept apart from the rest.
const COMPILE = /compiler::|maglev|Maglev|turboshaft|Parser|Scanner|Compile|Bytecode|[Bb]aseline/;
const GC = /Marking|Scaveng|heap::|Heap::|Sweeper|Evacuat|Compactor|RememberedSet|ObjectVisitor/;

/** Throws with the package to install when valgrind is missing. */
export async function checkValgrind(): Promise<void> {
  for (const tool of ['valgrind', 'callgrind_control', 'callgrind_annotate']) {
    await run(tool, ['--help']).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') throw new Error(`${tool} is not installed (Debian: apt-get install valgrind)`);
    });
  }
}

/** Sends `amount` GET requests of `app`'s cycle to `url`, 10 at a time. */
function send(app: AppName, url: string, amount: number): Promise<void> {
  const next = cycle(APPS[app].paths);
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections: 10, amount, timeout: 120, requests: [{ setupRequest: (req) => ({ ...req, method: 'GET', path: next() }) }] },
      (err, result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        const failed = result.errors + result.timeouts + result.non2xx;
        if (failed > 0) return reject(new Error(`${app} at ${url}: ${failed} of ${amount} requests failed`));
        resolve();
      },
    );
  });
}

/** Sums callgrind's per-function counts of `file` into compile, GC and the rest. */
async function categorise(file: string): Promise<{ total: number; compile: number; gc: number }> {
  const { stdout } = await run('callgrind_annotate', ['--inclusive=no', '--threshold=100', file], { maxBuffer: 256 * 1024 * 1024 });
  const sums = { total: 0, compile: 0, gc: 0 };
  for (const line of stdout.split('\n')) {
    const m = /^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$/.exec(line);
    if (!m || m[2]!.startsWith('PROGRAM TOTALS')) continue;
    const ir = Number(m[1]!.replaceAll(',', ''));
    sums.total += ir;
    if (COMPILE.test(m[2]!)) sums.compile += ir;
    else if (GC.test(m[2]!)) sums.gc += ir;
  }
  return sums;
}

/** Counts the instructions `requests` requests cost `app` under `variant`, after `warmup` requests. */
export async function countInstructions(app: AppName, variant: Variant, sinkUrl: string, requests: number, warmup: number): Promise<InstructionCount> {
  const contender = variant.contender;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'foresight-callgrind-'));
  try {
    const wrap = ['valgrind', '--tool=callgrind', '--instr-atstart=no', '--smc-check=all', `--callgrind-out-file=${path.join(dir, 'cg.%p')}`];
    // Start-up under valgrind takes 50 times as long: minutes for the stock agent.
    // --single-threaded: V8 compiles and collects on the main thread, so when a function gets
    // optimised depends on how often it ran, not on how a background thread was scheduled.
    const running = await startApp(app, contender, sinkUrl, { wrap, readyTimeoutMs: 600_000, env: variant.env, nodeFlags: ['--single-threaded'] });
    try {
      await send(app, running.url, warmup);
      const pid = String(running.pid);
      await run('callgrind_control', ['-i', 'on', pid]);
      await send(app, running.url, requests);
      await run('callgrind_control', ['-i', 'off', pid]);
      await run('callgrind_control', ['-d', pid]);
    } finally {
      await running.stop();
    }
    // The dump asked for above is the file numbered .1: counting was on only while it ran.
    const dump = fs.readdirSync(dir).find((f) => f.endsWith('.1'));
    if (!dump) throw new Error(`${app} under ${variant.label}: callgrind wrote no dump (${fs.readdirSync(dir).join(', ')})`);
    const c = await categorise(path.join(dir, dump));
    const per = (n: number) => Math.round(n / requests);
    return { app, variant: variant.label, requests, total: per(c.total), compile: per(c.compile), gc: per(c.gc), steady: per(c.total - c.compile - c.gc) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
