import { Matches, registerDecorator, IsRFC3339, isRFC3339, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { IATA_AIRPORT_PATTERN } from '../domain/airports.constants';
import { REASON_CODE_PATTERN } from '../domain/hold-reason.constants';
import { FLIGHT_ID_PATTERN, FLIGHT_NUMBER_PATTERN } from '../domain/flight.constants';
import { PLACE_CODE_PATTERN, STATION_CODE_PATTERN } from '../domain/handling-code.constants';

/** Party id (shipper, agent, manufacturer): letters, digits, `.`, `_`, `-`; 1–64 characters. */
export const PARTY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * True when `YYYY-MM-DD` names a day that exists (no 2026-02-30, no month 13). JavaScript's `Date`
 * rolls such days over silently and PostgreSQL refuses them, so every date is checked at the edge.
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A property check by a plain predicate, as a class-validator decorator. */
function checkedBy(name: string, message: string, validate: (value: unknown) => boolean, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({ name, target: target.constructor, propertyName: String(propertyName), options: { message, ...options }, validator: { validate } });
}

/** RFC 3339 timestamp with an explicit offset (`Z` or `+08:00`) on a day that exists. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  const format = IsRFC3339({ message: '$property must be an RFC 3339 timestamp with offset, e.g. 2026-11-25T08:30:00+08:00', ...options });
  const existingDay = checkedBy('isExistingDay', '$property names a day that does not exist', (value) => typeof value !== 'string' || !isRFC3339(value) || isCalendarDate(value.slice(0, 10)), options);
  return (target: object, propertyName: string | symbol) => {
    format(target, propertyName);
    existingDay(target, propertyName);
  };
}

/** A calendar date `YYYY-MM-DD` that exists (e.g. a local day of departures or of receipt). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return checkedBy('isCalendarDate', '$property must be an existing date YYYY-MM-DD, e.g. 2026-11-25', (value) => typeof value === 'string' && isCalendarDate(value), options);
}

export function IsAirportCode(options?: ValidationOptions): PropertyDecorator {
  return Matches(IATA_AIRPORT_PATTERN, { message: '$property must be an IATA airport code of 3 upper-case letters, e.g. FRA', ...options });
}

export function IsStationCode(options?: ValidationOptions): PropertyDecorator {
  return Matches(STATION_CODE_PATTERN, { message: '$property must be a station code of 3–6 upper-case letters or digits, e.g. OVS', ...options });
}

export function IsPlaceCode(options?: ValidationOptions): PropertyDecorator {
  return Matches(PLACE_CODE_PATTERN, { message: '$property must be a station code (e.g. OVS) or an airport IATA code (e.g. WUH)', ...options });
}

export function IsFlightNumber(options?: ValidationOptions): PropertyDecorator {
  return Matches(FLIGHT_NUMBER_PATTERN, { message: '$property must be a flight number such as CZ3481 or O36921', ...options });
}

export function IsFlightId(options?: ValidationOptions): PropertyDecorator {
  return Matches(FLIGHT_ID_PATTERN, { message: '$property must be a flight id: flight number and local departure date, e.g. CZ3481-2026-11-25', ...options });
}

export function IsReasonCode(options?: ValidationOptions): PropertyDecorator {
  return Matches(REASON_CODE_PATTERN, { message: '$property must be an UPPER_SNAKE reason code, e.g. NO_CAPACITY', ...options });
}

export function IsPartyId(options?: ValidationOptions): PropertyDecorator {
  return Matches(PARTY_ID_PATTERN, { message: '$property must be a party id of letters, digits, ".", "_" or "-" (at most 64)', ...options });
}

/** Number-typed finite value (no NaN/Infinity); class-validator's IsNumber with a clear message. */
export const FINITE = { allowNaN: false, allowInfinity: false } as const;

/**
 * An amount of money: a finite number written with at most 2 decimals (class-validator's
 * `maxDecimalPlaces` throws on numbers that print in exponent form, such as 4e-323, instead of
 * refusing them).
 */
export function IsMoneyAmount(options?: ValidationOptions): PropertyDecorator {
  return checkedBy('isMoneyAmount', '$property must be a number with at most 2 decimals', (value) => typeof value === 'number' && Number.isFinite(value) && /^-?\d+(\.\d{1,2})?$/.test(String(value)), options);
}

type Comparison = 'before' | 'notAfter' | 'after' | 'notBefore';

function compareTimes(comparison: Comparison, otherField: string, options?: ValidationOptions): PropertyDecorator {
  const words: Record<Comparison, string> = { before: 'before', notAfter: 'at or before', after: 'after', notBefore: 'at or after' };
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: `time_${comparison}`,
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [otherField],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[otherField];
          if (typeof value !== 'string' || typeof other !== 'string') return true; // shape is checked by IsTimestamp
          const a = Date.parse(value);
          const b = Date.parse(other);
          if (Number.isNaN(a) || Number.isNaN(b)) return true;
          switch (comparison) {
            case 'before':
              return a < b;
            case 'notAfter':
              return a <= b;
            case 'after':
              return a > b;
            case 'notBefore':
              return a >= b;
          }
        },
        defaultMessage(args?: ValidationArguments) {
          const other = (args?.object as Record<string, unknown> | undefined)?.[otherField];
          return `${args?.property} (${String(args?.value)}) must be ${words[comparison]} ${otherField} (${String(other)})`;
        },
      },
    });
  };
}

/** Timestamp must be strictly before another timestamp field of the same object. */
export const IsTimeBefore = (otherField: string, options?: ValidationOptions) => compareTimes('before', otherField, options);
/** Timestamp must not be later than another timestamp field of the same object. */
export const IsTimeNotAfter = (otherField: string, options?: ValidationOptions) => compareTimes('notAfter', otherField, options);
/** Timestamp must be strictly after another timestamp field of the same object. */
export const IsTimeAfter = (otherField: string, options?: ValidationOptions) => compareTimes('after', otherField, options);

/**
 * Number must not be below another numeric field of the same object (e.g. `maxC` ≥ `minC`).
 * Skipped while either side is not a number: their own decorators report that.
 */
export function IsNotBelowField(otherField: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isNotBelowField',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [otherField],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[otherField];
          if (typeof value !== 'number' || typeof other !== 'number') return true;
          return value >= other;
        },
        defaultMessage(args?: ValidationArguments) {
          const other = (args?.object as Record<string, unknown> | undefined)?.[otherField];
          return `${args?.property} (${String(args?.value)}) must not be below ${otherField} (${String(other)})`;
        },
      },
    });
  };
}

/** A custom property rule with a message computed from the value and the whole object. */
export function Satisfies<O extends object>(
  name: string,
  check: (value: unknown, object: O) => string | undefined,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => check(value, args.object as O) === undefined,
        defaultMessage: (args?: ValidationArguments) => {
          const problem = args ? check(args.value, args.object as O) : undefined;
          return `${args?.property}: ${problem ?? 'invalid'}`;
        },
      },
    });
  };
}
