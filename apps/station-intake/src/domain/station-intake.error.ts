import type { FieldError } from '@cargo/contracts';

/**
 * Stable error codes of the station-intake service. Clients and dashboards match on the code; the
 * message is for people. Mapped to HTTP statuses at the edge (`http-error.mapper.ts`, exhaustive).
 */
export const StationIntakeErrorCodes = {
  AuthMissingKey: 'AUTH.MISSING_KEY',
  AuthInvalidKey: 'AUTH.INVALID_KEY',
  AuthForbiddenStation: 'AUTH.FORBIDDEN_STATION',
  AuthAdminDisabled: 'AUTH.ADMIN_DISABLED',
  StationUnknown: 'STATION.UNKNOWN',
  IntakeInvalid: 'INTAKE.INVALID',
  IntakeConflict: 'INTAKE.CONFLICT',
  IntakeNotFound: 'INTAKE.NOT_FOUND',
  BatchTooLarge: 'INTAKE.BATCH_TOO_LARGE',
  CsvInvalid: 'INTAKE.CSV_INVALID',
  ScanInvalid: 'SCAN.INVALID',
  ScanConflict: 'SCAN.CONFLICT',
  ScanShipmentNotReceived: 'SCAN.SHIPMENT_NOT_RECEIVED',
  QueryInvalid: 'REQUEST.INVALID_QUERY',
  PayloadTooLarge: 'REQUEST.PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  MalformedBody: 'REQUEST.MALFORMED_BODY',
} as const;
export type StationIntakeErrorCode = (typeof StationIntakeErrorCodes)[keyof typeof StationIntakeErrorCodes];

/** A rejection with a stable code and, for bad input, the fields at fault. */
export class StationIntakeError extends Error {
  constructor(
    readonly code: StationIntakeErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'StationIntakeError';
  }
}
