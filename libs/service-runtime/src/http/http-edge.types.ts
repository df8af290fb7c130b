import type { FieldError } from '@cargo/contracts';

/**
 * The HTTP status of each of a service's error codes. A mapped type over the code union: leaving a
 * code out (or adding a code without a status) does not compile, which makes the table exhaustive.
 */
export type HttpErrorStatuses<Code extends string> = { readonly [K in Code]: number };

/** What a service gives its HTTP edge. */
export interface HttpEdgeOptions<Code extends string = string> {
  /** The prefix of the service's error codes, e.g. `CUSTOMS`; the edge's own codes get it too. */
  errorPrefix: string;
  /** Status of every code the service's `DomainError`s carry. */
  statuses: HttpErrorStatuses<Code>;
  /** Largest request body accepted, in KiB (413 above it). */
  bodyLimitKb: number;
  /** Deepest nesting of JSON arrays/objects accepted in a body or query (400 deeper). */
  maxDepth?: number;
  /** Extra body parsers (e.g. `text/csv`), installed with the same limit and error handling. */
  textTypes?: string[];
  /** Browser origins allowed to call cross-origin (CORS); empty: same origin only. */
  corsOrigins?: string[];
}

/** The body of every non-2xx answer of every service. */
export interface ErrorBody {
  error: {
    /** Stable code `<SERVICE>.<WHAT>`. */
    code: string;
    message: string;
    /** The fields at fault (dotted paths into the body, or `path.<param>` / `query.<name>`); empty when none applies. */
    fields: readonly FieldError[];
    /** The request's correlation id (also the `x-request-id` response header); quote it when reporting a problem. */
    correlationId: string;
  };
}

/** The edge's own codes, each with its status; a service's codes are `<prefix>.<name>`. */
export const EDGE_ERRORS = {
  INVALID_REQUEST: 400,
  MALFORMED_BODY: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type EdgeErrorName = keyof typeof EDGE_ERRORS;

/** Seconds a client should wait before retrying after a 503 (the `Retry-After` header). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A refusal made by the edge itself (bad encoding, too deep, not found…), before or around the
 * service's own code. Rendered with the status of its name and the service's prefix.
 */
export class HttpEdgeError extends Error {
  constructor(
    readonly kind: EdgeErrorName,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'HttpEdgeError';
  }
}
