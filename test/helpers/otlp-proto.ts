// The OTLP protobuf messages the test receivers decode (traces and logs, as the collector
// services receive them), written out from opentelemetry-proto: only the fields the tests read,
// with their real field numbers; protobufjs skips the others.
import protobuf from 'protobufjs';
import type { LogsRequest, TracesRequest } from './otlp-data.js';

const OTLP_PROTO = `
syntax = "proto3";
package opentelemetry.proto;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }
message Resource { repeated KeyValue attributes = 1; }

message Status { string message = 2; int32 code = 3; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  Status status = 15;
}
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }

message LogRecord {
  fixed64 time_unix_nano = 1;
  int32 severity_number = 2;
  string severity_text = 3;
  AnyValue body = 5;
  repeated KeyValue attributes = 6;
  fixed32 flags = 8;
  bytes trace_id = 9;
  bytes span_id = 10;
}
message ScopeLogs { InstrumentationScope scope = 1; repeated LogRecord log_records = 2; }
message ResourceLogs { Resource resource = 1; repeated ScopeLogs scope_logs = 2; }
message ExportLogsServiceRequest { repeated ResourceLogs resource_logs = 1; }

// The responses: an empty message means full success.
message ExportServiceResponse {}
`;

const root = protobuf.parse(OTLP_PROTO).root;
const tracesRequest = root.lookupType('opentelemetry.proto.ExportTraceServiceRequest');
const logsRequest = root.lookupType('opentelemetry.proto.ExportLogsServiceRequest');
const response = root.lookupType('opentelemetry.proto.ExportServiceResponse');

// Ids stay bytes (flattening makes them hex), 64-bit numbers strings, enums numbers.
const asObject = { longs: String, enums: Number } as const;

/** Decodes an OTLP protobuf `ExportTraceServiceRequest`. */
export function decodeTracesRequest(bytes: Uint8Array): TracesRequest {
  return tracesRequest.toObject(tracesRequest.decode(bytes), asObject);
}

/** Decodes an OTLP protobuf `ExportLogsServiceRequest`. */
export function decodeLogsRequest(bytes: Uint8Array): LogsRequest {
  return logsRequest.toObject(logsRequest.decode(bytes), asObject);
}

/** Encodes an empty Export response (full success). */
export function encodeEmptyResponse(): Buffer {
  return Buffer.from(response.encode(response.create({})).finish());
}
