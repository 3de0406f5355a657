// A real OTLP/gRPC receiver for tests: @grpc/grpc-js serving the collector's TraceService and
// LogsService `Export` in-process, messages decoded with the protobufjs definitions the HTTP
// receiver uses, spans and log records flattened the same way.
import * as grpc from '@grpc/grpc-js';
import { flattenLogs, flattenTraces, type ReceivedLog, type ReceivedSpan } from './otlp-data.js';
import { collector, type OtlpSink } from './otlp-sink.js';
import { decodeLogsRequest, decodeTracesRequest, encodeEmptyResponse } from './otlp-proto.js';

/** A running gRPC receiver; `url` is `http://127.0.0.1:<port>` (plaintext). */
export interface OtlpGrpcReceiver extends OtlpSink {
  /** Export calls received per full method path. */
  calls: Map<string, number>;
}

type Received = { spans?: ReceivedSpan[]; logs?: ReceivedLog[] };

/** One unary `Export` method whose request `decode` turns into what the receiver keeps. */
function exportMethod(path: string, decode: (bytes: Buffer) => Received): grpc.MethodDefinition<Received, Buffer> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: () => Buffer.alloc(0),
    requestDeserialize: decode,
    responseSerialize: (b) => b,
    responseDeserialize: (b) => b,
  };
}

/** Starts a receiver on 127.0.0.1 and a free port. */
export async function startOtlpGrpcReceiver(): Promise<OtlpGrpcReceiver> {
  const sink = collector();
  const calls = new Map<string, number>();
  const server = new grpc.Server();
  const services = {
    'opentelemetry.proto.collector.trace.v1.TraceService': (b: Buffer) => ({ spans: flattenTraces(decodeTracesRequest(b)) }),
    'opentelemetry.proto.collector.logs.v1.LogsService': (b: Buffer) => ({ logs: flattenLogs(decodeLogsRequest(b)) }),
  };
  for (const [service, decode] of Object.entries(services)) {
    const path = `/${service}/Export`;
    server.addService({ Export: exportMethod(path, decode) }, {
      Export: (call: grpc.ServerUnaryCall<Received, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
        calls.set(path, (calls.get(path) ?? 0) + 1);
        sink.add(call.request);
        done(null, encodeEmptyResponse());
      },
    });
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    url: `http://127.0.0.1:${port}`,
    spans: sink.spans,
    logs: sink.logs,
    calls,
    waitFor: sink.waitFor,
    waitForLogs: sink.waitForLogs,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
