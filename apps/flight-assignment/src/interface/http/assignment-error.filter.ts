import { ArgumentsHost, Catch, HttpStatus, type ExceptionFilter, ValidationPipe, type ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from '@cargo/contracts';
import { AssignmentError, AssignmentErrorCodes, type AssignmentErrorCode } from '../../domain/assignment.errors';

/** HTTP status of each error code (exhaustive: a new code does not compile until it is mapped). */
export function httpStatusOf(code: AssignmentErrorCode): number {
  switch (code) {
    case AssignmentErrorCodes.FlightNotFound:
    case AssignmentErrorCodes.ShipmentNotFound:
      return HttpStatus.NOT_FOUND;
    case AssignmentErrorCodes.FlightExists:
    case AssignmentErrorCodes.FlightNotOpen:
    case AssignmentErrorCodes.ManifestNotClosed:
    case AssignmentErrorCodes.ClockNotManual:
    case AssignmentErrorCodes.CapacityExceeded:
      return HttpStatus.CONFLICT;
    case AssignmentErrorCodes.InvalidFlight:
    case AssignmentErrorCodes.InvalidRequest:
      return HttpStatus.BAD_REQUEST;
  }
}

/** `{ error: { code, message, fields } }` for every {@link AssignmentError}. */
@Catch(AssignmentError)
export class AssignmentErrorFilter implements ExceptionFilter {
  catch(error: AssignmentError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    response.status(httpStatusOf(error.code)).json({ error: { code: error.code, message: error.message, fields: error.fields } });
  }
}

/** Validates request DTOs (unknown fields rejected); a bad request becomes ASSIGNMENT.INVALID_REQUEST with field-level errors. */
export const requestValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors: ValidationError[]) => {
    const fields = flattenValidationErrors(errors);
    return new AssignmentError(AssignmentErrorCodes.InvalidRequest, `invalid request: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
  },
});
