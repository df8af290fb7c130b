import type { HttpErrorStatuses } from '@cargo/service-runtime';
import type { TrackingErrorCode } from '../../application/tracking.errors';

/** The HTTP status of every tracking error code (a code left out does not compile). */
export const TRACKING_HTTP_ERRORS: HttpErrorStatuses<TrackingErrorCode> = {
  'TRACKING.INVALID_AWB': 400,
  'TRACKING.INVALID_REQUEST': 400,
  'TRACKING.SHIPMENT_NOT_FOUND': 404,
  'TRACKING.FLIGHT_NOT_FOUND': 404,
};
