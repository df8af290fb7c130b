import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@cargo/contracts';
import { isDatabaseInputError, isDependencyUnavailable } from './dependency-failure.util';
import { EDGE_ERRORS, HttpEdgeError, RETRY_AFTER_SECONDS, type EdgeErrorName, type ErrorBody, type HttpErrorStatuses } from './http-edge.types';
import { correlationIdOf, type EdgeRequest, type EdgeResponse } from './request-context';

/** What an error becomes on the wire. */
export interface RenderedError {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/** Edge name of an HTTP status that Nest, Express or a body parser chose (unknown 4xx: INVALID_REQUEST). */
function edgeNameOfStatus(status: number): EdgeErrorName {
  const byStatus: Partial<Record<number, EdgeErrorName>> = {
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'ROUTE_NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    406: 'NOT_ACCEPTABLE',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'TOO_MANY_REQUESTS',
    503: 'UNAVAILABLE',
  };
  return byStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_REQUEST');
}

/** Express/body-parser errors carry `status` and `type` (e.g. `entity.parse.failed`). */
interface FrameworkHttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
  expose?: boolean;
}

/**
 * Turns any error into the one error shape of every service. Rules, in order:
 * a service's `DomainError` gets its code's status from the service's table; an edge refusal gets
 * its own; an unreachable database or broker is 503 with `Retry-After`; a value the database refused
 * as data is 400; Nest's and the body parsers' HTTP errors keep their 4xx status; everything else is
 * a 500, logged with the correlation id that the body also carries, and no internals leaked.
 */
export class HttpErrorRenderer {
  private readonly logger = new Logger('HttpEdge');

  constructor(
    private readonly prefix: string,
    private readonly statuses: HttpErrorStatuses<string>,
  ) {}

  render(exception: unknown, request: EdgeRequest): RenderedError {
    const correlationId = correlationIdOf(request);
    const edge = (kind: EdgeErrorName, message: string, fields: ErrorBody['error']['fields'] = []): RenderedError => ({
      status: EDGE_ERRORS[kind],
      body: { error: { code: `${this.prefix}.${kind}`, message, fields, correlationId } },
      headers:
        kind === 'UNAVAILABLE'
          ? { 'retry-after': String(RETRY_AFTER_SECONDS) }
          : kind === 'UNAUTHENTICATED'
            ? { 'www-authenticate': 'Bearer realm="cargo-hub"' }
            : {},
    });

    if (exception instanceof DomainError) {
      const status = this.statuses[exception.code];
      if (status !== undefined) {
        return { status, body: { error: { code: exception.code, message: exception.message, fields: exception.fields, correlationId } }, headers: status === 503 ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {} };
      }
    }
    if (exception instanceof HttpEdgeError) return edge(exception.kind, exception.message, exception.fields);
    if (isDependencyUnavailable(exception)) {
      this.logger.warn(`[${correlationId}] dependency unavailable: ${describe(exception)}`);
      return edge('UNAVAILABLE', 'A service this request needs (database or broker) is unavailable; nothing was changed. Retry later.');
    }
    if (isDatabaseInputError(exception)) {
      return edge('INVALID_REQUEST', 'A value in the request cannot be stored (invalid text, number or date); nothing was changed.');
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) return { ...edge(edgeNameOfStatus(status), exception.message), status };
    } else if (exception !== null && typeof exception === 'object') {
      const e = exception as FrameworkHttpError;
      const status = e.status ?? e.statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500) return this.renderFrameworkError(e, status, edge);
    }
    this.logger.error(`[${correlationId}] ${request.method ?? ''} ${request.originalUrl ?? request.url ?? ''}: ${exception instanceof Error ? (exception.stack ?? exception.message) : describe(exception)}`);
    return edge('INTERNAL', `Internal error; quote correlation id ${correlationId} when reporting it.`);
  }

  /** Body-parser and Express failures before routing: too large, not JSON, unknown encoding or charset. */
  private renderFrameworkError(e: FrameworkHttpError, status: number, edge: (kind: EdgeErrorName, message: string) => RenderedError): RenderedError {
    switch (e.type) {
      case 'entity.too.large':
        return edge('PAYLOAD_TOO_LARGE', 'The request body is larger than this service accepts; split it (e.g. smaller batches).');
      case 'entity.parse.failed':
        return edge('MALFORMED_BODY', `The body is not valid JSON: ${e.message ?? ''}`.trim());
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return edge('UNSUPPORTED_MEDIA_TYPE', e.message ?? 'The body encoding or charset is not supported.');
      default:
        return { ...edge(status === 400 ? 'MALFORMED_BODY' : edgeNameOfStatus(status), e.expose === false ? 'The body could not be read.' : (e.message ?? 'The body could not be read.')), status };
    }
  }
}

function describe(value: unknown): string {
  return value instanceof Error ? `${value.name}: ${value.message}` : String(value);
}

/** Sends a rendered error (Express response). */
export function sendError(response: EdgeResponse, rendered: RenderedError): void {
  for (const [name, value] of Object.entries(rendered.headers)) response.setHeader(name, value);
  response.status(rendered.status).json(rendered.body);
}

/** The one global exception filter of every service (HTTP only; Kafka errors take the dead-letter path). */
@Catch()
export class HttpEdgeFilter implements ExceptionFilter {
  constructor(private readonly renderer: HttpErrorRenderer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const response = http.getResponse<EdgeResponse>();
    if (response.headersSent) return;
    sendError(response, this.renderer.render(exception, http.getRequest<EdgeRequest>()));
  }
}
