import type { HttpErrorStatuses } from '@cargo/service-runtime';
import type { CustomsErrorCode } from '../../domain/customs.error';

/** The HTTP status of every customs-hold error code (a code left out does not compile). */
export const CUSTOMS_HOLD_HTTP_ERRORS: HttpErrorStatuses<CustomsErrorCode> = {
  'CUSTOMS.INVALID_REQUEST': 400,
  'CUSTOMS.FORBIDDEN_ROLE': 403,
  'CUSTOMS.CASE_NOT_FOUND': 404,
  'CUSTOMS.CASE_CHANGED_CONCURRENTLY': 409,
  'CUSTOMS.ALREADY_DEPARTED': 409,
  'CUSTOMS.NOT_HELD': 409,
  'CUSTOMS.ONLY_SECURITY_HOLDS': 409,
  'CUSTOMS.RELEASE_KIND_MISMATCH': 409,
  'CUSTOMS.NOT_TWO_STAGE': 409,
  'CUSTOMS.NO_SCREENING_PENDING': 409,
  'CUSTOMS.LAB_RESULT_NOT_EXPECTED': 409,
  'CUSTOMS.CASE_CLOSED': 409,
};
