// What the API's thread and the embedded database's thread say to each other.

/** From the embedded database's thread. */
export type FromWorker =
  | { type: 'ready'; url: string; port: number }
  | { type: 'failed'; error: string }
  | { type: 'warning'; fields: Record<string, unknown>; message: string }
  | { type: 'closed'; error?: string };

/** To the embedded database's thread. */
export type ToWorker = { type: 'close' };
