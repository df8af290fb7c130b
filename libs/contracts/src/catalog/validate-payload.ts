import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { EventDefinition, FieldError, ValidationResult } from './event-definition';

/**
 * Validates a plain (JSON-decoded) payload against a class-validator class: `plainToInstance`
 * followed by a real `validate()` (whitelist + forbidNonWhitelisted, nested objects validated), so an
 * unknown or misspelt field is an error rather than silently dropped.
 *
 * On success `value` is the class instance with the classes' transforms applied (e.g. AWBs in
 * canonical `PPP-SSSSSSSC` form).
 */
export async function validateAgainstClass<T extends object>(
  cls: new () => T,
  plain: unknown,
): Promise<ValidationResult<T>> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '', message: `must be a JSON object, got ${describe(plain)}` }] };
  }
  const instance = plainToInstance(cls, plain);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) return { ok: false, errors: flattenValidationErrors(errors) };
  return { ok: true, value: instance };
}

/** Validates an event payload against its catalog definition. See {@link validateAgainstClass}. */
export function validatePayload<T extends object>(def: EventDefinition<T>, plain: unknown): Promise<ValidationResult<T>> {
  return validateAgainstClass(def.payload, plain);
}

/** Flattens class-validator's error tree into dotted-path field errors, one per failed constraint. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent === '' ? error.property : `${parent}.${error.property}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) out.push({ field, message: clearer(constraint, field, message) });
    if (error.children && error.children.length > 0) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/** Rewrites class-validator's built-in messages that do not say why in a clerk's words. */
function clearer(constraint: string, field: string, message: string): string {
  // Only the structural constraints are rewritten; every other message is ours or class-validator's own.
  switch (constraint) {
    case 'whitelistValidation':
      return `${field} is not a field of this message (misspelt or not allowed)`;
    case 'nestedValidation':
      return `${field} must be a JSON object`;
    default:
      return message;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}
