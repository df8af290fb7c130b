import { HttpStatus } from '@nestjs/common';
import { StationIntakeErrorCodes, type StationIntakeErrorCode } from '../../domain/station-intake.error';

/** The HTTP status of every error code (exhaustive: a new code does not compile until mapped). */
export function httpStatusOf(code: StationIntakeErrorCode): HttpStatus {
  switch (code) {
    case StationIntakeErrorCodes.AuthMissingKey:
    case StationIntakeErrorCodes.AuthInvalidKey:
      return HttpStatus.UNAUTHORIZED;
    case StationIntakeErrorCodes.AuthForbiddenStation:
    case StationIntakeErrorCodes.AuthAdminDisabled:
      return HttpStatus.FORBIDDEN;
    case StationIntakeErrorCodes.StationUnknown:
    case StationIntakeErrorCodes.IntakeNotFound:
    case StationIntakeErrorCodes.ScanShipmentNotReceived:
      return HttpStatus.NOT_FOUND;
    case StationIntakeErrorCodes.IntakeConflict:
    case StationIntakeErrorCodes.ScanConflict:
      return HttpStatus.CONFLICT;
    case StationIntakeErrorCodes.IntakeInvalid:
    case StationIntakeErrorCodes.ScanInvalid:
    case StationIntakeErrorCodes.CsvInvalid:
    case StationIntakeErrorCodes.QueryInvalid:
    case StationIntakeErrorCodes.BatchTooLarge:
    case StationIntakeErrorCodes.MalformedBody:
      return HttpStatus.BAD_REQUEST;
    case StationIntakeErrorCodes.PayloadTooLarge:
      return HttpStatus.PAYLOAD_TOO_LARGE;
    case StationIntakeErrorCodes.UnsupportedMediaType:
      return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
    default: {
      const unmapped: never = code;
      throw new Error(`unmapped error code ${String(unmapped)}`);
    }
  }
}
