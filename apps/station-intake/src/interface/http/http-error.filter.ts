import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { HttpResponseLike as Response } from './http-types';
import { StationIntakeError } from '../../domain/station-intake.error';
import { httpStatusOf } from './http-error.mapper';

/** The error body of every 4xx/5xx: `{ error: { code, message, fields } }`. */
export interface ErrorBody {
  error: { code: string; message: string; fields: { field: string; message: string }[] };
}

/**
 * Renders every error of the HTTP API in one shape. Domain errors keep their code; Nest's own HTTP
 * exceptions (unknown route, body parser limits) get a `HTTP.<status>` code; anything else is a 500
 * with no internals leaked (logged instead).
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.render(exception);
    response.status(status).json(body);
  }

  private render(exception: unknown): [number, ErrorBody] {
    if (exception instanceof StationIntakeError) {
      return [httpStatusOf(exception.code), { error: { code: exception.code, message: exception.message, fields: exception.fields } }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = status === HttpStatus.PAYLOAD_TOO_LARGE ? 'REQUEST.PAYLOAD_TOO_LARGE' : `HTTP.${status}`;
      return [status, { error: { code, message: exception.message, fields: [] } }];
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return [HttpStatus.INTERNAL_SERVER_ERROR, { error: { code: 'INTERNAL', message: 'Internal error; see the service log.', fields: [] } }];
  }
}
