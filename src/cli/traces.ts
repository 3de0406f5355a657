// `foresight traces`: the slowest recent traces of a running instance as a table, or one trace
// as a waterfall (`foresight traces <id>`), read from its trace API over HTTP.
import { parseArgs } from 'node:util';
import type { TraceDetail, TraceSummary } from '../traces/index.js';
import { renderTraceTable, renderWaterfall } from '../traces/waterfall-text.js';

const USAGE = `usage: foresight traces [<trace-id>] [options]

  without an id    list the slowest recent traces
  with an id       draw that trace as a waterfall (* critical path, ! error)

options:
  --url URL        the instance (default FORESIGHT_URL, else http://127.0.0.1:$PORT, PORT default 8080)
  --limit N        traces listed (default 10)
  --min-ms N       only traces at least N ms long
  --route R        only traces of this route pattern, e.g. /api/v1/forecast/:city/:date
  --errors         only failed traces
  --recent         most recent first instead of slowest first
  --width N        waterfall width in columns (default: the terminal's, else 100)
`;

interface Envelope<T> {
  status: 'success' | 'error';
  data?: T;
  error?: { code: string; message: string };
}

async function getJson<T>(url: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new Error(`cannot reach ${new URL(url).origin} (${(err as Error).message}); is foresight running? (--url)`, { cause: err });
  }
  const body = (await res.json().catch(() => undefined)) as Envelope<T> | undefined;
  if (!res.ok || body?.status !== 'success') {
    throw new Error(body?.error ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status} from ${url}`);
  }
  return body.data as T;
}

/** Runs `foresight traces <args>`; resolves with the exit code. */
export async function run(args: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        url: { type: 'string' },
        limit: { type: 'string', default: '10' },
        'min-ms': { type: 'string' },
        route: { type: 'string' },
        errors: { type: 'boolean' },
        recent: { type: 'boolean' },
        width: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    process.stderr.write(`foresight traces: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(USAGE);
    return 0;
  }
  const base = (values.url ?? process.env.FORESIGHT_URL ?? `http://127.0.0.1:${process.env.PORT || 8080}`).replace(/\/+$/, '');
  try {
    const id = positionals[0];
    if (id) {
      const trace = await getJson<TraceDetail>(`${base}/api/v1/traces/${encodeURIComponent(id)}`);
      const tty = (out as NodeJS.WriteStream).isTTY === true;
      const width = Number(values.width ?? ((out as NodeJS.WriteStream).columns || 100));
      out.write(renderWaterfall(trace, { width, color: tty && !process.env.NO_COLOR }));
      return 0;
    }
    const query = new URLSearchParams({ limit: values.limit, order: values.recent ? 'recent' : 'slowest' });
    if (values['min-ms'] !== undefined) query.set('minDurationMs', values['min-ms']);
    if (values.route !== undefined) query.set('route', values.route);
    if (values.errors) query.set('status', 'error');
    const { traces } = await getJson<{ traces: TraceSummary[] }>(`${base}/api/v1/traces?${query}`);
    out.write(renderTraceTable(traces));
    return 0;
  } catch (err) {
    process.stderr.write(`foresight traces: ${(err as Error).message}\n`);
    return 1;
  }
}
