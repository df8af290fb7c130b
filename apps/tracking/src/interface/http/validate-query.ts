import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { TrackingError, TrackingErrorCodes, type TrackingFieldError } from '../../application/tracking.errors';

/** Validates a query object against its DTO; throws TRACKING.INVALID_QUERY with every field error. */
export async function validateQuery<T extends object>(cls: new () => T, query: unknown): Promise<T> {
  const dto = plainToInstance(cls, query ?? {});
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  if (errors.length > 0) {
    const fields = flatten(errors);
    throw new TrackingError(TrackingErrorCodes.InvalidQuery, `Invalid query: ${fields.map((f) => f.message).join('; ')}`, fields);
  }
  return dto;
}

function flatten(errors: ValidationError[], prefix = ''): TrackingFieldError[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((message) => ({ field: `${prefix}${e.property}`, message: message.replace('property ', '') })),
    ...flatten(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}
