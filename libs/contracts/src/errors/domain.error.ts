import type { FieldError } from '../catalog/event-definition';

/**
 * The one base of every refusal a service makes: a stable string `code` that clients match on
 * (`<SERVICE>.<WHAT>`, e.g. `CUSTOMS.CASE_NOT_FOUND`), a message for people, and for bad input the
 * fields at fault. Each service declares its codes and subclasses this once; its HTTP edge maps each
 * code to a status with a table the compiler checks for completeness (`@cargo/service-runtime`
 * `HttpErrorStatuses`). Plain TypeScript, so domain code may throw it.
 *
 * Invariant: a code never changes meaning; a new meaning gets a new code.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}
