import { randomUUID } from 'node:crypto';

/** The parts of Express's request the edge reads (the workspace has no @types/express; structural). */
export interface EdgeRequest {
  method?: string;
  url?: string;
  originalUrl?: string;
  path?: string;
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
  body?: unknown;
}

/** The parts of Express's response the edge writes. */
export interface EdgeResponse {
  headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  status(code: number): EdgeResponse;
  json(body: unknown): unknown;
}

export const CORRELATION_HEADER = 'x-request-id';
/** A caller's own request id is kept when it is a plain token; anything else gets a new UUID. */
const CALLER_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request's correlation id: the caller's `x-request-id` when it is a plain token, else a new
 * UUID. Stored back on the request, so every later reader (filter, logs) sees the same id.
 */
export function correlationIdOf(request: EdgeRequest): string {
  const given = request.headers[CORRELATION_HEADER];
  if (typeof given === 'string' && CALLER_ID.test(given)) return given;
  const id = randomUUID();
  request.headers[CORRELATION_HEADER] = id;
  return id;
}
