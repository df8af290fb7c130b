/**
 * Stable error codes of the customs-hold service. The HTTP edge maps each to a status with an
 * exhaustive switch (`customs-error.filter.ts`); adding a code without a mapping fails the build.
 */
export const CustomsErrorCode = {
  CASE_NOT_FOUND: 'CUSTOMS.CASE_NOT_FOUND',
  UNAUTHENTICATED: 'CUSTOMS.UNAUTHENTICATED',
  FORBIDDEN_ROLE: 'CUSTOMS.FORBIDDEN_ROLE',
  VALIDATION_FAILED: 'CUSTOMS.VALIDATION_FAILED',
  ALREADY_DEPARTED: 'CUSTOMS.ALREADY_DEPARTED',
  NOT_HELD: 'CUSTOMS.NOT_HELD',
  ONLY_SECURITY_HOLDS: 'CUSTOMS.ONLY_SECURITY_HOLDS',
  RELEASE_KIND_MISMATCH: 'CUSTOMS.RELEASE_KIND_MISMATCH',
  NOT_TWO_STAGE: 'CUSTOMS.NOT_TWO_STAGE',
  NO_SCREENING_PENDING: 'CUSTOMS.NO_SCREENING_PENDING',
  LAB_RESULT_NOT_EXPECTED: 'CUSTOMS.LAB_RESULT_NOT_EXPECTED',
} as const;
export type CustomsErrorCode = (typeof CustomsErrorCode)[keyof typeof CustomsErrorCode];

export interface FieldProblem {
  field: string;
  message: string;
}

/** A refusal with a stable code; `fields` lists field-level problems for validation errors. */
export class CustomsError extends Error {
  constructor(
    readonly code: CustomsErrorCode,
    message: string,
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'CustomsError';
  }
}
