import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import { TrackingError, TrackingErrorCodes, type TrackingErrorCode } from '../../application/tracking.errors';

/** HTTP status of each tracking error code (exhaustive: a new code does not compile until mapped). */
export function httpStatusOf(code: TrackingErrorCode): number {
  switch (code) {
    case TrackingErrorCodes.InvalidAwb:
    case TrackingErrorCodes.InvalidQuery:
      return HttpStatus.BAD_REQUEST;
    case TrackingErrorCodes.ShipmentNotFound:
      return HttpStatus.NOT_FOUND;
  }
}

/** Maps {@link TrackingError} to `{ error: { code, message, fields } }`. */
@Catch(TrackingError)
export class TrackingErrorFilter implements ExceptionFilter {
  catch(error: TrackingError, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    res.status(httpStatusOf(error.code)).json({ error: { code: error.code, message: error.message, fields: error.fields } });
  }
}
