import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { Awb, canonicalAwbOrSame } from './awb.value-object';

/**
 * The property must be a valid AWB in either accepted form (`PPP-SSSSSSSC` or `PPPSSSSSSSC`).
 * The error message is the parser's own (e.g. "check digit 4 does not match serial 1234567 (expected 5)"),
 * prefixed with the property name.
 */
export function IsAwb(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isAwb',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => Awb.isValid(value),
        defaultMessage: (args?: ValidationArguments) => {
          const result = Awb.tryParse(args?.value);
          return `${args?.property ?? 'awb'}: ${result.ok ? 'invalid AWB' : result.error.message}`;
        },
      },
    });
  };
}

/**
 * class-transformer: rewrites a valid AWB to its canonical `PPP-SSSSSSSC` form during
 * `plainToInstance`; leaves anything else untouched for `@IsAwb()` to reject.
 */
export function NormalizeAwb(): PropertyDecorator {
  return Transform(({ value }) => canonicalAwbOrSame(value), { toClassOnly: true });
}
