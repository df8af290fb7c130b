import type { HttpErrorStatuses } from '@cargo/service-runtime';
import type { AssignmentErrorCode } from '../../domain/assignment.errors';

/** The HTTP status of every flight-assignment error code (a code left out does not compile). */
export const FLIGHT_ASSIGNMENT_HTTP_ERRORS: HttpErrorStatuses<AssignmentErrorCode> = {
  'ASSIGNMENT.FLIGHT_NOT_FOUND': 404,
  'ASSIGNMENT.SHIPMENT_NOT_FOUND': 404,
  'ASSIGNMENT.NO_OPEN_EXCEPTION': 409,
  'ASSIGNMENT.FLIGHT_EXISTS': 409,
  'ASSIGNMENT.FLIGHT_NOT_OPEN': 409,
  'ASSIGNMENT.MANIFEST_NOT_CLOSED': 409,
  'ASSIGNMENT.CLOCK_NOT_MANUAL': 409,
  'ASSIGNMENT.CAPACITY_EXCEEDED': 409,
  'ASSIGNMENT.STATUS_CONFLICT': 409,
  'ASSIGNMENT.INVALID_FLIGHT': 400,
  'ASSIGNMENT.INVALID_REQUEST': 400,
};
