import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { CustomsError, CustomsErrorCode } from '../../domain/customs.error';
import { CaseVersionConflictError } from '../../infrastructure/typeorm-case.repository';

/** The part of the Express response the filter uses. */
interface JsonResponse {
  status(code: number): { json(body: unknown): unknown };
}

/** HTTP status of each stable error code; the switch is exhaustive (a new code fails the build). */
export function httpStatusOf(code: CustomsErrorCode): number {
  switch (code) {
    case CustomsErrorCode.VALIDATION_FAILED:
      return HttpStatus.BAD_REQUEST;
    case CustomsErrorCode.UNAUTHENTICATED:
      return HttpStatus.UNAUTHORIZED;
    case CustomsErrorCode.FORBIDDEN_ROLE:
      return HttpStatus.FORBIDDEN;
    case CustomsErrorCode.CASE_NOT_FOUND:
      return HttpStatus.NOT_FOUND;
    case CustomsErrorCode.ALREADY_DEPARTED:
    case CustomsErrorCode.NOT_HELD:
    case CustomsErrorCode.ONLY_SECURITY_HOLDS:
    case CustomsErrorCode.RELEASE_KIND_MISMATCH:
    case CustomsErrorCode.NOT_TWO_STAGE:
    case CustomsErrorCode.NO_SCREENING_PENDING:
    case CustomsErrorCode.LAB_RESULT_NOT_EXPECTED:
      return HttpStatus.CONFLICT;
    default: {
      const unreachable: never = code;
      return unreachable;
    }
  }
}

/**
 * Every error of the officer API as `{ error: { code, message, fields } }`. Domain refusals keep
 * their stable code; anything unexpected is a 500 `CUSTOMS.INTERNAL` (logged, details not leaked).
 */
@Catch()
export class CustomsErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('CustomsErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const send = (status: number, code: string, message: string, fields: readonly { field: string; message: string }[] = []) =>
      response.status(status).json({ error: { code, message, fields } });
    if (exception instanceof CustomsError) {
      send(httpStatusOf(exception.code), exception.code, exception.message, exception.fields);
      return;
    }
    if (exception instanceof CaseVersionConflictError) {
      send(HttpStatus.CONFLICT, exception.code, exception.message);
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      send(status, `HTTP.${status}`, exception.message);
      return;
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    send(HttpStatus.INTERNAL_SERVER_ERROR, 'CUSTOMS.INTERNAL', 'Internal error; nothing was changed');
  }
}
