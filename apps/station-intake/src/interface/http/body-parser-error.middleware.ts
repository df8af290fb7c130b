import type { HttpResponseLike } from './http-types';

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * Express error middleware right after the body parsers: their failures (too large, not JSON,
 * unsupported charset) happen before Nest routes the request, so they get the API's error shape here.
 */
export function bodyParserErrorMiddleware(error: unknown, _req: unknown, res: HttpResponseLike, next: (error?: unknown) => void): void {
  const e = (error ?? {}) as BodyParserError;
  if (res.headersSent || typeof e.type !== 'string') {
    next(error);
    return;
  }
  const [status, code, message] =
    e.type === 'entity.too.large'
      ? [413, 'REQUEST.PAYLOAD_TOO_LARGE', 'The request body is larger than BODY_LIMIT_KB allows; split it (e.g. smaller batches).']
      : e.type === 'entity.parse.failed'
        ? [400, 'REQUEST.MALFORMED_BODY', `The body is not valid JSON: ${e.message ?? ''}`.trim()]
        : [e.status ?? 400, 'REQUEST.MALFORMED_BODY', e.message ?? 'The body could not be read.'];
  res.status(status).json({ error: { code, message, fields: [] } });
}
