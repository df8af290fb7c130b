import fc from 'fast-check';
import { awbCheckDigitOf } from './imp-elements.codec';
import { DAYS_IN_MONTH, MONTHS, type MonthCode } from './imp-elements.constants';
import type { ImpDate, ImpFlight, ImpQuantity, ImpWeight } from './imp-values.model';

/** fast-check generators of valid Cargo-IMP values, for the round-trip tests. */

const upper = (length: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: length, maxLength: length });
const alnum = (length: number) => fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), minLength: length, maxLength: length });

export const airportArb = upper(3);

export const awbArb = fc
  .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 9_999_999 }))
  .map(([prefix, serial]) => {
    const seven = String(serial).padStart(7, '0');
    return `${String(prefix).padStart(3, '0')}-${seven}${awbCheckDigitOf(`${seven}0`)}`;
  });

export const flightArb: fc.Arbitrary<ImpFlight> = fc.record({
  carrier: alnum(2),
  number: fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 3, max: 4 }), fc.option(upper(1), { nil: undefined })).map(([n, width, suffix]) => `${String(n % 10 ** width).padStart(width, '0')}${suffix ?? ''}`),
});

export const dateArb: fc.Arbitrary<ImpDate> = fc
  .constantFrom(...MONTHS)
  .chain((month: MonthCode) => fc.record({ day: fc.integer({ min: 1, max: DAYS_IN_MONTH[month] }), month: fc.constant(month) }));

export const timeArb = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}${String(m).padStart(2, '0')}`);

export const weightArb: fc.Arbitrary<ImpWeight> = fc.record({
  code: fc.constantFrom('K' as const, 'L' as const),
  value: fc.integer({ min: 1, max: 999_999 }).map((tenths) => tenths / 10),
});

/** Free text of 1..max characters (letters, digits, inner spaces, hyphen, full stop). */
export const textArb = (max: number) =>
  fc
    .string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -.'), minLength: 1, maxLength: max })
    .map((s) => s.trim().replace(/ +/g, ' '))
    .filter((s) => s.length > 0);

export const quantityArb = (withWeight: boolean): fc.Arbitrary<ImpQuantity> =>
  fc
    .record({
      code: fc.constantFrom('T' as const, 'P' as const, 'S' as const, 'D' as const),
      pieces: fc.integer({ min: 1, max: 9999 }),
      weight: withWeight ? weightArb : fc.option(weightArb, { nil: undefined }),
      extra: fc.integer({ min: 0, max: 9999 }),
    })
    .map(({ code, pieces, weight, extra }) => ({
      code,
      pieces,
      ...(weight ? { weight } : {}),
      ...(code === 'T' ? {} : { totalPieces: Math.min(9999, pieces + extra) }),
    }));
