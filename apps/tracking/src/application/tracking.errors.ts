import { DomainError } from '@cargo/contracts';

/** Stable error codes of the tracking service, mapped to HTTP at the edge (`tracking.http-errors.ts`). */
export const TrackingErrorCodes = {
  InvalidAwb: 'TRACKING.INVALID_AWB',
  InvalidRequest: 'TRACKING.INVALID_REQUEST',
  ShipmentNotFound: 'TRACKING.SHIPMENT_NOT_FOUND',
  FlightNotFound: 'TRACKING.FLIGHT_NOT_FOUND',
} as const;
export type TrackingErrorCode = (typeof TrackingErrorCodes)[keyof typeof TrackingErrorCodes];

/** A failure of a tracking use case, with a stable code. */
export class TrackingError extends DomainError<TrackingErrorCode> {}
