import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { CsvExportInterceptor } from './csv-export.interceptor';
import { edgeValidationPipe } from './edge-validation.pipe';
import { HttpEdgeFilter, HttpErrorRenderer, sendError } from './http-edge.filter';
import { HttpEdgeError, type HttpEdgeOptions } from './http-edge.types';
import { CORRELATION_HEADER, correlationIdOf, type EdgeRequest, type EdgeResponse } from './request-context';
import { DEFAULT_MAX_DEPTH, inspectInput, inspectPath } from './request-input.inspector';

type Next = (error?: unknown) => void;

/** Refuses bytes that are not UTF-8 before JSON parsing (a replacement character would be stored instead). */
const utf8 = new TextDecoder('utf-8', { fatal: true });
function verifyUtf8(_req: unknown, _res: unknown, buffer: Buffer): void {
  try {
    utf8.decode(buffer);
  } catch {
    throw new HttpEdgeError('MALFORMED_BODY', 'The body is not valid UTF-8.');
  }
}

/**
 * Installs the one HTTP edge of a service (called by `startService` before the service's own
 * wiring): correlation ids, body parsers with the size limit, refusal of input no database can
 * store (invalid UTF-8, NUL, unpaired surrogates, nesting deeper than `maxDepth`) in the path, the
 * query and the body, the validation pipe, the CSV export of lists (`Accept: text/csv`, see
 * `CsvExportable`), and the exception filter with the service's code table.
 * Errors raised before routing (body parsers) are rendered by the same renderer as the filter, so
 * every non-2xx answer has one shape.
 */
export function installHttpEdge(app: INestApplication, options: HttpEdgeOptions): HttpErrorRenderer {
  const express = app as NestExpressApplication;
  const renderer = new HttpErrorRenderer(options.errorPrefix, options.statuses);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const limit = `${options.bodyLimitKb}kb`;
  const fail = (next: Next, error: HttpEdgeError) => next(error);

  // Security headers (no X-Powered-By, nosniff, frame denial, HSTS, a strict CSP that the dashboard
  // meets: its script and styles are served from the same origin).
  express.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] } } }));
  // Cross-origin callers only from the configured origins; none by default.
  express.enableCors({ origin: options.corsOrigins ?? [], allowedHeaders: ['authorization', 'content-type', 'x-api-key', 'x-request-id'], exposedHeaders: ['x-request-id', 'retry-after'] });
  express.use((req: EdgeRequest, res: EdgeResponse, next: Next) => {
    res.setHeader(CORRELATION_HEADER, correlationIdOf(req));
    const rawPath = (req.originalUrl ?? req.url ?? '').split('?')[0] ?? '';
    const pathProblem = inspectPath(rawPath);
    if (pathProblem) return fail(next, new HttpEdgeError('INVALID_REQUEST', pathProblem.message, [pathProblem]));
    const queryProblem = inspectInput(req.query ?? {}, 'query', maxDepth);
    if (queryProblem) return fail(next, new HttpEdgeError('INVALID_REQUEST', queryProblem.message, [queryProblem]));
    next();
  });
  express.useBodyParser('json', { limit, verify: verifyUtf8 });
  if (options.textTypes && options.textTypes.length > 0) express.useBodyParser('text', { type: options.textTypes, limit, verify: verifyUtf8 });
  express.use((req: EdgeRequest, _res: EdgeResponse, next: Next) => {
    const problem = req.body === undefined ? undefined : inspectInput(req.body, '', maxDepth);
    if (problem) return fail(next, new HttpEdgeError('INVALID_REQUEST', problem.message, [problem]));
    next();
  });
  // Express error middleware (four arguments): failures before routing get the same shape.
  express.use((error: unknown, req: EdgeRequest, res: EdgeResponse, next: Next) => {
    if (res.headersSent) return next(error);
    sendError(res, renderer.render(error, req));
  });
  app.useGlobalPipes(edgeValidationPipe());
  app.useGlobalInterceptors(new CsvExportInterceptor());
  app.useGlobalFilters(new HttpEdgeFilter(renderer));
  return renderer;
}
