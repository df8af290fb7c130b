export type InvalidAwbCode = 'AWB.INVALID_FORMAT' | 'AWB.CHECK_DIGIT';

/**
 * A string that is not a valid air waybill number. `code` is stable (map it to HTTP 400 or a
 * dead-letter reason); `message` says what is wrong in words a station clerk can fix.
 */
export class InvalidAwbError extends Error {
  override readonly name = 'InvalidAwbError';

  constructor(
    readonly code: InvalidAwbCode,
    message: string,
    readonly input: unknown,
  ) {
    super(message);
  }
}
