/**
 * Stable error codes of the flight-assignment service. They are mapped to HTTP statuses (and to
 * dead-letter reasons) at the edges with an exhaustive switch; never change a code's meaning.
 */
export const AssignmentErrorCodes = {
  FlightNotFound: 'ASSIGNMENT.FLIGHT_NOT_FOUND',
  FlightExists: 'ASSIGNMENT.FLIGHT_EXISTS',
  FlightNotOpen: 'ASSIGNMENT.FLIGHT_NOT_OPEN',
  InvalidFlight: 'ASSIGNMENT.INVALID_FLIGHT',
  ShipmentNotFound: 'ASSIGNMENT.SHIPMENT_NOT_FOUND',
  CapacityExceeded: 'ASSIGNMENT.CAPACITY_EXCEEDED',
  ManifestNotClosed: 'ASSIGNMENT.MANIFEST_NOT_CLOSED',
  ClockNotManual: 'ASSIGNMENT.CLOCK_NOT_MANUAL',
  InvalidRequest: 'ASSIGNMENT.INVALID_REQUEST',
} as const;
export type AssignmentErrorCode = (typeof AssignmentErrorCodes)[keyof typeof AssignmentErrorCodes];

export interface FieldProblem {
  field: string;
  message: string;
}

/** A rule or lookup failure with a stable {@link AssignmentErrorCode}. */
export class AssignmentError extends Error {
  constructor(
    readonly code: AssignmentErrorCode,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'AssignmentError';
  }
}
