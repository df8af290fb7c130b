import { InvalidAwbError } from './invalid-awb.error';

export type AwbParseResult = { ok: true; value: Awb } | { ok: false; error: InvalidAwbError };

const DASHED = /^(\d{3})-(\d{7})(\d)$/;
const PLAIN = /^(\d{3})(\d{7})(\d)$/;
const FORMAT_HINT = 'expected PPP-SSSSSSSC or PPPSSSSSSSC (3-digit airline prefix, 7-digit serial, 1 check digit)';

/**
 * Air waybill number (DOMAIN.md, "Words"): 3-digit airline prefix, 7-digit serial, check digit.
 *
 * Invariant: the check digit equals the serial modulo 7. A wrong check digit is a data-entry error
 * and is rejected, never corrected, because a "corrected" number would silently belong to another
 * shipment. Accepts `PPP-SSSSSSSC` and `PPPSSSSSSSC` (surrounding whitespace ignored); always
 * formats canonically as `PPP-SSSSSSSC`, the form used as Kafka key and in every payload.
 */
export class Awb {
  private constructor(
    /** 3-digit airline prefix, e.g. `784` (China Southern). */
    readonly prefix: string,
    /** 7-digit serial number, without the check digit. */
    readonly serial: string,
    readonly checkDigit: number,
  ) {}

  /** Parses an AWB or throws {@link InvalidAwbError} saying what is wrong. */
  static parse(input: string): Awb {
    const result = Awb.tryParse(input);
    if (!result.ok) throw result.error;
    return result.value;
  }

  static tryParse(input: unknown): AwbParseResult {
    const fail = (code: 'AWB.INVALID_FORMAT' | 'AWB.CHECK_DIGIT', message: string): AwbParseResult => ({
      ok: false,
      error: new InvalidAwbError(code, message, input),
    });
    if (typeof input !== 'string') return fail('AWB.INVALID_FORMAT', `AWB must be a string, got ${input === null ? 'null' : typeof input}`);
    const text = input.trim();
    if (text === '') return fail('AWB.INVALID_FORMAT', `AWB is empty; ${FORMAT_HINT}`);
    const match = DASHED.exec(text) ?? PLAIN.exec(text);
    if (!match) return fail('AWB.INVALID_FORMAT', `AWB "${text}" is malformed: ${formatProblem(text)}; ${FORMAT_HINT}`);
    const [, prefix, serial, check] = match as unknown as [string, string, string, string];
    const expected = Awb.checkDigitOf(serial);
    const checkDigit = Number(check);
    if (checkDigit !== expected) {
      return fail('AWB.CHECK_DIGIT', `AWB ${prefix}-${serial}${check}: check digit ${check} does not match serial ${serial} (expected ${expected})`);
    }
    return { ok: true, value: new Awb(prefix, serial, checkDigit) };
  }

  static isValid(input: unknown): boolean {
    return Awb.tryParse(input).ok;
  }

  /** The check digit of a 7-digit serial: serial mod 7. */
  static checkDigitOf(serial: string | number): number {
    return Number(serial) % 7;
  }

  /** Builds a valid AWB from a prefix and a 7-digit serial (fixtures, simulators). */
  static of(prefix: string | number, serial: string | number): Awb {
    const p = String(prefix).padStart(3, '0');
    const s = String(serial).padStart(7, '0');
    return Awb.parse(`${p}-${s}${Awb.checkDigitOf(s)}`);
  }

  /** Canonical form `PPP-SSSSSSSC`. */
  toString(): string {
    return `${this.prefix}-${this.serial}${this.checkDigit}`;
  }

  toJSON(): string {
    return this.toString();
  }

  equals(other: Awb | null | undefined): boolean {
    return other instanceof Awb && other.toString() === this.toString();
  }
}

/** Canonical form of a valid AWB string, or the input unchanged when it is not one. */
export function canonicalAwbOrSame<T>(input: T): T | string {
  const result = Awb.tryParse(input);
  return result.ok ? result.value.toString() : input;
}

function formatProblem(text: string): string {
  const bad = /[^\d-]/.exec(text);
  if (bad) return `contains '${bad[0]}' at position ${bad.index + 1}, only digits and one dash after the prefix are allowed`;
  const digits = text.replace(/-/g, '').length;
  if (digits !== 11) return `has ${digits} digit${digits === 1 ? '' : 's'}, an AWB has 11`;
  return 'the dash must come after the 3-digit prefix';
}
