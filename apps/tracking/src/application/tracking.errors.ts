/** One field-level problem of a request. */
export interface TrackingFieldError {
  field: string;
  message: string;
}

export const TrackingErrorCodes = {
  InvalidAwb: 'TRACKING.INVALID_AWB',
  InvalidQuery: 'TRACKING.INVALID_QUERY',
  ShipmentNotFound: 'TRACKING.SHIPMENT_NOT_FOUND',
} as const;
export type TrackingErrorCode = (typeof TrackingErrorCodes)[keyof typeof TrackingErrorCodes];

/** A failure of a tracking use case, with a stable code mapped to HTTP at the edge. */
export class TrackingError extends Error {
  constructor(
    readonly code: TrackingErrorCode,
    message: string,
    readonly fields: TrackingFieldError[] = [],
  ) {
    super(message);
    this.name = 'TrackingError';
  }
}
