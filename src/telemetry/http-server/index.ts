// The server side of HTTP, for any app: one wrapper around `Server.prototype.emit('request')`
// gives each request its context (a server span, recording or not, plus the RPC metadata that
// framework instrumentations write the route into), and Node's `http.server.response.finish`
// diagnostics channel ends it: RED metrics for every request, the span renamed after its route.
// It replaces the stock HttpInstrumentation's server path, which measured at less than half the
// plain throughput here: no header capture, no metric attribute sets built per request, and
// span attributes only on spans that record.
import dc from 'node:diagnostics_channel';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { RPCType, setRPCMetadata, type RPCMetadata } from '@opentelemetry/core';
import { methodLabel, type RedMetrics } from './red.js';
import { resolveRoute, UNMATCHED } from './route.js';
import { watchFastifyRoutes } from './fastify-routes.js';
import type { ContextHolds } from '../context.js';
import { HEAD_SAMPLED, type RequestDecision } from '../sampler.js';
import { requestAttributes } from './server-span.js';
import type { TailKeeper } from './tail.js';
import { ServerRegistry } from './servers.js';

export { UNMATCHED, kRoute, kKoaContext } from './route.js';
export { methodLabel, latencyBuckets, RedMetrics } from './red.js';
export { TailKeeper } from './tail.js';

/** Marks a server whose requests are not observed (the agent's own telemetry port). */
export const kUnobserved = Symbol.for('foresight.unobserved-server');
const kRequest = Symbol('foresight.request');

interface RequestRecord {
  start: number;
  parent: Context;
  /** Only on a request that records; the others have neither span nor context. */
  recorded: { span: Span; rpc: RPCMetadata } | undefined;
  method: string;
}

type ObservedRequest = IncomingMessage & { [kRequest]?: RequestRecord };
type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

/** Options of {@link HttpServerTelemetry}. */
export interface HttpServerTelemetryOptions {
  tracer: Tracer;
  /** Where every request's RED figures go. */
  red: RedMetrics;
  /** Request paths (query ignored) that get no span and no metric: probes, scrapes. */
  ignoredPaths: string[];
  /** Switches context propagation on for the requests that record (see context.ts). */
  context: ContextHolds;
  /** Keeps slow and failed requests the head sampler did not record. */
  tail?: TailKeeper;
  /**
   * The head decision from the parent alone (see sampler.ts): a request left out then gets no
   * span at all. Without one (ratio samplers need the trace id) every request starts a span
   * and the tracer's sampler decides.
   */
  decide?: RequestDecision;
}

/** The server-side HTTP telemetry; {@link enable} patches, {@link disable} restores. */
export class HttpServerTelemetry {
  /** Servers that have answered at least one request, for a graceful stop. */
  readonly servers = new ServerRegistry();
  private readonly ignored: Set<string>;
  private readonly ignoredLengths: Set<number>;
  private readonly originals = new Map<typeof http.Server.prototype, Emit>();
  private readonly finishChannel = dc.channel('http.server.response.finish');
  private stopFastify: (() => void) | undefined;

  constructor(private readonly options: HttpServerTelemetryOptions) {
    this.ignored = new Set(options.ignoredPaths);
    this.ignoredLengths = new Set(options.ignoredPaths.map((p) => p.length));
  }

  enable(): void {
    for (const proto of [http.Server.prototype, https.Server.prototype] as (typeof http.Server.prototype)[]) {
      if (this.originals.has(proto)) continue;
      // https.Server inherits emit from net.Server through tls; patch its own slot all the same.
      // Called back with the server as `this` (see wrapEmit), never detached from one.
      // eslint-disable-next-line @typescript-eslint/unbound-method
      const original = proto.emit as Emit;
      this.originals.set(proto, original);
      proto.emit = this.wrapEmit(original) as typeof proto.emit;
    }
    this.finishChannel.subscribe(this.onFinish);
    this.stopFastify ??= watchFastifyRoutes();
  }

  disable(): void {
    for (const [proto, original] of this.originals) proto.emit = original as typeof proto.emit;
    this.originals.clear();
    this.finishChannel.unsubscribe(this.onFinish);
    this.stopFastify?.();
    this.stopFastify = undefined;
  }

  private wrapEmit(original: Emit): Emit {
    const onRequest = this.onRequest;
    // Every event of every server passes here: anything but a request goes straight through,
    // as `arguments` rather than a rest parameter, so that no array is built on the way.
    return function emit(this: http.Server & { [kUnobserved]?: boolean }, event: string | symbol, req?: unknown, res?: unknown) {
      // eslint-disable-next-line prefer-rest-params
      if (event !== 'request' || this[kUnobserved] === true) return original.apply(this, arguments as unknown as [string | symbol, ...unknown[]]);
      return onRequest(this, original, req as ObservedRequest, res as ServerResponse);
    };
  }

  // An arrow property, so the patched emit calls it directly: a bound function measured as a
  // call of its own on every request.
  private readonly onRequest = (server: http.Server, emit: Emit, req: ObservedRequest, res: ServerResponse): boolean => {
    if (this.ignored.size > 0 && this.isIgnored(req.url ?? '/')) return emit.call(server, 'request', req, res);
    this.servers.track(server);
    const start = performance.now();
    const method = methodLabel(req.method);
    const parent = hasTraceparent(req.rawHeaders) ? propagation.extract(ROOT_CONTEXT, req.headers) : ROOT_CONTEXT;
    const span = this.startSpan(method, parent);
    // Unrecorded: no span and no context at all, so the async hooks stay off (context.ts); its
    // route is read off the request when it ends, and the tail decision may still keep it.
    if (span === undefined) {
      req[kRequest] = { start, parent, recorded: undefined, method };
      return emit.call(server, 'request', req, res);
    }
    const rpc: RPCMetadata = { type: RPCType.HTTP, span };
    req[kRequest] = { start, parent, recorded: { span, rpc }, method };
    span.setAttributes(requestAttributes(req, method));
    this.options.context.hold();
    // A client that goes away before the response ends never fires `finish`.
    res.once('close', () => this.end(req, res));
    return context.with(setRPCMetadata(trace.setSpan(parent, span), rpc), emit, server, 'request', req, res);
  };

  // The server span of a request the head sampler records, else undefined.
  private startSpan(method: string, parent: Context): Span | undefined {
    const name = method === '_OTHER' ? 'HTTP' : method;
    const decide = this.options.decide;
    if (decide !== undefined) return decide(parent) ? this.options.tracer.startSpan(name, { kind: SpanKind.SERVER }, parent.setValue(HEAD_SAMPLED, true)) : undefined;
    const span = this.options.tracer.startSpan(name, { kind: SpanKind.SERVER }, parent);
    return span.isRecording() ? span : undefined;
  }

  // Runs on every request: the path's length is checked first, so the path string is hashed for
  // the set only when it could be one of the ignored paths.
  private isIgnored(url: string): boolean {
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    return this.ignoredLengths.has(path.length) && this.ignored.has(path);
  }

  private readonly onFinish = (message: unknown): void => {
    const { request, response } = message as { request: ObservedRequest; response: ServerResponse };
    this.end(request, response);
  };

  private end(request: ObservedRequest, response: ServerResponse): void {
    const record = request[kRequest];
    if (record === undefined) return;
    request[kRequest] = undefined;
    const status = response.statusCode;
    const recorded = record.recorded;
    const route = resolveRoute(recorded?.rpc.route, request);
    const end = performance.now();
    this.options.red.record(route ?? UNMATCHED, record.method, status, (end - record.start) / 1000);
    if (recorded === undefined) {
      if (this.options.tail?.wants(status, end - record.start)) this.keep(record, request, status, route, end);
      return;
    }
    const span = recorded.span;
    span.setAttribute('http.response.status_code', status);
    if (route !== undefined) {
      span.setAttribute('http.route', route);
      span.updateName(`${record.method === '_OTHER' ? 'HTTP' : record.method} ${route}`);
    }
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    else if (!response.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: 'client closed the connection before the response ended' });
    span.end();
    this.options.context.release();
  }

  private keep(record: RequestRecord, req: IncomingMessage, status: number, route: string | undefined, end: number): void {
    const attributes = requestAttributes(req, record.method);
    attributes['http.response.status_code'] = status;
    if (route !== undefined) attributes['http.route'] = route;
    const verb = record.method === '_OTHER' ? 'HTTP' : record.method;
    this.options.tail!.keep({
      name: route === undefined ? verb : `${verb} ${route}`,
      parent: record.parent,
      startEpochMs: performance.timeOrigin + record.start,
      endEpochMs: performance.timeOrigin + end,
      status,
      attributes,
    });
  }
}

// Whether the raw header list names a traceparent: reading `req.headers` would build the whole
// header object on every request, which most frameworks never ask for.
function hasTraceparent(raw: string[]): boolean {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 11 && name.toLowerCase() === 'traceparent') return true;
  }
  return false;
}
