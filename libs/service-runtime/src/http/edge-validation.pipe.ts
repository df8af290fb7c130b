import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from '@cargo/contracts';
import { HttpEdgeError } from './http-edge.types';

/**
 * The one validation pipe of every service: class-validator on every DTO-typed body, query and
 * param; unknown fields refused; one message per field; bad input is a 400 `<PREFIX>.INVALID_REQUEST` listing every field
 * at fault. Parameters typed as plain objects (`Record<string, unknown>`) are left to the handler.
 */
export function edgeValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    // One message per field: the first failed rule (decorators list the type check nearest the property).
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) => {
      const fields = flattenValidationErrors(errors);
      return new HttpEdgeError('INVALID_REQUEST', `The request is invalid: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
    },
  });
}
