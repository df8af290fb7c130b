import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { CustomsError, CustomsErrorCode, type FieldProblem } from '../../domain/customs.error';

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** class-validator on bodies and queries; bad input → 400 `CUSTOMS.VALIDATION_FAILED` with the fields. */
export function customsValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => new CustomsError(CustomsErrorCode.VALIDATION_FAILED, 'The request is invalid', flatten(errors)),
  });
}
