import { DomainError } from '@cargo/contracts';

/**
 * Stable error codes of the customs-hold service. The HTTP edge maps each to a status with a table
 * the compiler checks for completeness (`customs-hold.http-errors.ts`).
 */
export const CustomsErrorCode = {
  CASE_NOT_FOUND: 'CUSTOMS.CASE_NOT_FOUND',
  CASE_CHANGED_CONCURRENTLY: 'CUSTOMS.CASE_CHANGED_CONCURRENTLY',
  FORBIDDEN_ROLE: 'CUSTOMS.FORBIDDEN_ROLE',
  INVALID_REQUEST: 'CUSTOMS.INVALID_REQUEST',
  ALREADY_DEPARTED: 'CUSTOMS.ALREADY_DEPARTED',
  NOT_HELD: 'CUSTOMS.NOT_HELD',
  ONLY_SECURITY_HOLDS: 'CUSTOMS.ONLY_SECURITY_HOLDS',
  RELEASE_KIND_MISMATCH: 'CUSTOMS.RELEASE_KIND_MISMATCH',
  NOT_TWO_STAGE: 'CUSTOMS.NOT_TWO_STAGE',
  NO_SCREENING_PENDING: 'CUSTOMS.NO_SCREENING_PENDING',
  LAB_RESULT_NOT_EXPECTED: 'CUSTOMS.LAB_RESULT_NOT_EXPECTED',
  /** The station cancelled the intake: the case is closed, nothing more is decided on it. */
  CASE_CLOSED: 'CUSTOMS.CASE_CLOSED',
} as const;
export type CustomsErrorCode = (typeof CustomsErrorCode)[keyof typeof CustomsErrorCode];

/** A refusal of the customs-hold service; `fields` lists field-level problems for bad input. */
export class CustomsError extends DomainError<CustomsErrorCode> {}
