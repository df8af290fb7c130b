import { DomainError } from '@cargo/contracts';

/**
 * Stable error codes of the station-intake service. Clients and dashboards match on the code; the
 * message is for people. Mapped to HTTP statuses at the edge (`station-intake.http-errors.ts`, exhaustive).
 */
export const StationIntakeErrorCodes = {
  StationUnknown: 'INTAKE.STATION_UNKNOWN',
  ApiKeyNotFound: 'INTAKE.API_KEY_NOT_FOUND',
  IntakeInvalid: 'INTAKE.INVALID',
  IntakeConflict: 'INTAKE.CONFLICT',
  IntakeNotFound: 'INTAKE.NOT_FOUND',
  BatchTooLarge: 'INTAKE.BATCH_TOO_LARGE',
  CsvInvalid: 'INTAKE.CSV_INVALID',
  ScanInvalid: 'INTAKE.SCAN_INVALID',
  ScanConflict: 'INTAKE.SCAN_CONFLICT',
  ScanShipmentNotReceived: 'INTAKE.SCAN_SHIPMENT_NOT_RECEIVED',
  QueryInvalid: 'INTAKE.INVALID_REQUEST',
  PayloadTooLarge: 'INTAKE.PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'INTAKE.UNSUPPORTED_MEDIA_TYPE',
  MalformedBody: 'INTAKE.MALFORMED_BODY',
  /** A correction that is not valid: nothing to correct, or the corrected intake breaks an intake rule. */
  CorrectionInvalid: 'INTAKE.CORRECTION_INVALID',
  /** The intake was cancelled: it can no longer be corrected or scanned. */
  IntakeCancelled: 'INTAKE.CANCELLED',
  /** Too late to correct: the shipment is manifested (its flight's manifest closed at cut-off). */
  AlreadyManifested: 'INTAKE.ALREADY_MANIFESTED',
  /** Too late to cancel: the shipment left the station (a TDP, or a later TAR, was scanned). */
  LeftStation: 'INTAKE.LEFT_STATION',
} as const;
export type StationIntakeErrorCode = (typeof StationIntakeErrorCodes)[keyof typeof StationIntakeErrorCodes];

/** A refusal of the station-intake service, with a stable code and, for bad input, the fields at fault. */
export class StationIntakeError extends DomainError<StationIntakeErrorCode> {}
