import type { HttpErrorStatuses } from '@cargo/service-runtime';
import type { StationIntakeErrorCode } from '../../domain/station-intake.error';

/** The HTTP status of every station-intake error code (a code left out does not compile). */
export const STATION_INTAKE_HTTP_ERRORS: HttpErrorStatuses<StationIntakeErrorCode> = {
  'INTAKE.STATION_UNKNOWN': 404,
  'INTAKE.API_KEY_NOT_FOUND': 404,
  'INTAKE.NOT_FOUND': 404,
  'INTAKE.SCAN_SHIPMENT_NOT_RECEIVED': 404,
  'INTAKE.CONFLICT': 409,
  'INTAKE.SCAN_CONFLICT': 409,
  'INTAKE.CANCELLED': 409,
  'INTAKE.ALREADY_MANIFESTED': 409,
  'INTAKE.LEFT_STATION': 409,
  'INTAKE.CORRECTION_INVALID': 400,
  'INTAKE.INVALID': 400,
  'INTAKE.SCAN_INVALID': 400,
  'INTAKE.CSV_INVALID': 400,
  'INTAKE.INVALID_REQUEST': 400,
  'INTAKE.BATCH_TOO_LARGE': 400,
  'INTAKE.MALFORMED_BODY': 400,
  'INTAKE.PAYLOAD_TOO_LARGE': 413,
  'INTAKE.UNSUPPORTED_MEDIA_TYPE': 415,
};
