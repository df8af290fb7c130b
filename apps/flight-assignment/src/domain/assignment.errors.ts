import { DomainError } from '@cargo/contracts';

/**
 * Stable error codes of the flight-assignment service. They are mapped to HTTP statuses at the edge
 * (`flight-assignment.http-errors.ts`, a table the compiler checks for completeness); never change a code's meaning.
 */
export const AssignmentErrorCodes = {
  FlightNotFound: 'ASSIGNMENT.FLIGHT_NOT_FOUND',
  FlightExists: 'ASSIGNMENT.FLIGHT_EXISTS',
  FlightNotOpen: 'ASSIGNMENT.FLIGHT_NOT_OPEN',
  InvalidFlight: 'ASSIGNMENT.INVALID_FLIGHT',
  ShipmentNotFound: 'ASSIGNMENT.SHIPMENT_NOT_FOUND',
  /** The shipment has no open assignment exception to resolve (none was opened, or it was resolved). */
  NoOpenException: 'ASSIGNMENT.NO_OPEN_EXCEPTION',
  CapacityExceeded: 'ASSIGNMENT.CAPACITY_EXCEEDED',
  ManifestNotClosed: 'ASSIGNMENT.MANIFEST_NOT_CLOSED',
  ClockNotManual: 'ASSIGNMENT.CLOCK_NOT_MANUAL',
  InvalidRequest: 'ASSIGNMENT.INVALID_REQUEST',
  /** An airline status report contradicts what is recorded (another time for the same report, a departure of a cancelled flight, …). */
  StatusConflict: 'ASSIGNMENT.STATUS_CONFLICT',
} as const;
export type AssignmentErrorCode = (typeof AssignmentErrorCodes)[keyof typeof AssignmentErrorCodes];

/** A rule or lookup failure with a stable {@link AssignmentErrorCode}. */
export class AssignmentError extends DomainError<AssignmentErrorCode> {}
