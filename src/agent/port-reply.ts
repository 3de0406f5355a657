// The API's JSON envelope, as the telemetry port's handlers answer in it.
import type { ServerResponse } from 'node:http';

function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

/** Answers 200 with `data` in the success envelope. */
export const success = (res: ServerResponse, data: unknown) => json(res, 200, { status: 'success', data });

/** Answers `status` with the error envelope. */
export function fail(res: ServerResponse, status: number, code: string, message: string, details?: unknown): true {
  return json(res, status, { status: 'error', error: { code, message, details } });
}
