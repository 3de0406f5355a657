// `foresight traces`: the slowest recent traces of a running instance as a table, or one trace
// as a waterfall (`foresight traces <id>`), read from its trace API over HTTP.
import { envSchema } from '../config/index.js';
import type { TraceDetail, TraceSummary } from '../traces/index.js';
import { renderTraceTable, renderWaterfall } from '../traces/waterfall-text.js';
import { parseCommand, usageError } from './args.js';

const USAGE = `usage: foresight traces [<trace-id>] [options]

  without an id    list the slowest recent traces
  with an id       draw that trace as a waterfall (* critical path, ! error)

options:
  --url URL        the instance (default FORESIGHT_URL, else http://127.0.0.1:$PORT, PORT as
                   \`foresight start\` reads it: default 8080)
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

const OPTIONS = {
  url: { type: 'string' },
  limit: { type: 'string', default: '10' },
  'min-ms': { type: 'string' },
  route: { type: 'string' },
  errors: { type: 'boolean' },
  recent: { type: 'boolean' },
  width: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--url`, else FORESIGHT_URL, else this machine on PORT (validated as the server validates it). */
export function defaultUrl(url: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const { FORESIGHT_URL } = envSchema.pick({ FORESIGHT_URL: true }).parse(env);
  const given = url ?? FORESIGHT_URL;
  if (given) return given.replace(/\/+$/, '');
  const parsed = envSchema.pick({ PORT: true }).safeParse(env);
  if (!parsed.success) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return `http://127.0.0.1:${parsed.data.PORT}`;
}

/** Runs `foresight traces <args>`; resolves with the exit code. */
export async function run(args: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const parsed = parseCommand('traces', USAGE, args, OPTIONS, 1);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(USAGE);
    return 0;
  }
  for (const name of ['limit', 'min-ms', 'width'] as const) {
    const v = values[name];
    if (v !== undefined && !(Number(v) >= 0)) return usageError('traces', USAGE, `--${name} must be a number >= 0, got "${v}"`);
  }
  let base: string;
  try {
    base = defaultUrl(values.url);
  } catch (err) {
    process.stderr.write(`foresight traces: ${(err as Error).message}\n`);
    return 2;
  }
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
    const { traces } = await getJson<{ traces: TraceSummary[] }>(`${base}/api/v1/traces?${query.toString()}`);
    out.write(renderTraceTable(traces));
    return 0;
  } catch (err) {
    process.stderr.write(`foresight traces: ${(err as Error).message}\n`);
    return 1;
  }
}
