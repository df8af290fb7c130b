import { CargoImpSyntaxError } from './cargo-imp.error';
import { CLASS_NAMES, DAYS_IN_MONTH, MONTHS, isOfClass, type CharClass, type MonthCode } from './imp-elements.constants';

/** Where a line sits, for error messages. */
export interface LineLocation {
  messageType: string;
  line: number;
  lineName: string;
}

/**
 * Reads one line field by field, left to right, the way the Cargo-IMP manual lays a line out
 * (fixed-length elements, variable-length elements up to a maximum, `/` separators).
 *
 * Invariant: every failure throws a {@link CargoImpSyntaxError} naming the line and the data
 * element being read, with the column where it starts.
 */
export class LineCursor {
  private pos = 0;

  constructor(
    readonly text: string,
    private readonly where: LineLocation,
  ) {}

  fail(field: string, reason: string, at = this.pos): never {
    throw new CargoImpSyntaxError(this.where.messageType, this.where.line, this.where.lineName, field, reason, at + 1);
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(length = 1): string {
    return this.text.slice(this.pos, this.pos + length);
  }

  /** The separator or literal `literal` must come next. */
  expect(field: string, literal: string): void {
    if (this.peek(literal.length) !== literal) {
      this.fail(field, this.atEnd() ? `expected "${literal}", the line ends` : `expected "${literal}", found "${this.peek(literal.length)}"`);
    }
    this.pos += literal.length;
  }

  /** Consumes `literal` if it comes next. */
  accept(literal: string): boolean {
    if (this.peek(literal.length) !== literal) return false;
    this.pos += literal.length;
    return true;
  }

  /**
   * Reads `min`..`max` characters of class `cls` (greedy: as many as there are, up to `max`). Fewer
   * than `min` is an error; so is a character of another class where the element must continue.
   */
  read(field: string, cls: CharClass, min: number, max: number): string {
    const start = this.pos;
    while (this.pos < this.text.length && this.pos - start < max && isOfClass(this.text[this.pos] as string, cls)) this.pos++;
    const value = this.text.slice(start, this.pos);
    if (value.length < min) {
      const found = this.atEnd() ? 'the line ends' : `found "${this.peek()}"`;
      this.fail(field, min === max ? `must be ${min} ${CLASS_NAMES[cls]}; ${found}` : `must be ${min} to ${max} ${CLASS_NAMES[cls]}; ${found}`, start);
    }
    return value;
  }

  /**
   * Reads a variable-length element that runs to the next `/` or the end of the line: every
   * character must be of class `cls` and the length within `min`..`max`.
   */
  readField(field: string, cls: CharClass, min: number, max: number): string {
    const start = this.pos;
    const slash = this.text.indexOf('/', this.pos);
    const end = slash === -1 ? this.text.length : slash;
    const value = this.text.slice(start, end);
    const bad = [...value].findIndex((c) => !isOfClass(c, cls));
    if (bad !== -1) this.fail(field, `"${value[bad]}" is not allowed (only ${CLASS_NAMES[cls]})`, start + bad);
    if (value.length < min) this.fail(field, value.length === 0 ? 'is missing' : `must be at least ${min} characters, is ${value.length}`, start);
    if (value.length > max) this.fail(field, `must be at most ${max} characters, is ${value.length} ("${value}")`, start);
    if (cls === 't' && value !== value.trim()) this.fail(field, 'must not start or end with a space', start);
    this.pos = end;
    return value;
  }

  /** One of `codes`, all of the same length. */
  readCode<T extends string>(field: string, codes: readonly T[]): T {
    const length = codes[0]?.length ?? 0;
    const value = this.peek(length);
    if (!(codes as readonly string[]).includes(value)) {
      this.fail(field, `must be one of ${codes.join(', ')}; found "${value || '(end of line)'}"`);
    }
    this.pos += length;
    return value as T;
  }

  /** A decimal number written with up to `maxChars` characters (digits and at most one decimal point) and up to `maxDecimals` decimals. */
  readDecimal(field: string, maxChars: number, maxDecimals: number): number {
    const start = this.pos;
    while (this.pos < this.text.length && /[0-9.]/.test(this.text[this.pos] as string)) this.pos++;
    const value = this.text.slice(start, this.pos);
    if (value.length === 0) this.fail(field, this.atEnd() ? 'is missing' : `must be a number; found "${this.peek()}"`, start);
    if (!/^\d+(\.\d+)?$/.test(value)) this.fail(field, `"${value}" is not a number (digits with at most one decimal point)`, start);
    if (value.length > maxChars) this.fail(field, `must be at most ${maxChars} characters including the decimal point, is ${value.length} ("${value}")`, start);
    const decimals = value.includes('.') ? (value.split('.')[1] as string).length : 0;
    if (decimals > maxDecimals) this.fail(field, `must have at most ${maxDecimals} decimal${maxDecimals === 1 ? '' : 's'}, has ${decimals}`, start);
    return Number(value);
  }

  /** A whole number of 1..`maxDigits` digits, at least `min`. */
  readInteger(field: string, maxDigits: number, min = 0): number {
    const start = this.pos;
    const value = Number(this.read(field, 'n', 1, maxDigits));
    if (value < min) this.fail(field, `must be at least ${min}`, start);
    return value;
  }

  /** Day (nn) and month (aaa), e.g. `01DEC`. */
  readDayMonth(field: string): { day: number; month: MonthCode } {
    const start = this.pos;
    const day = Number(this.read(`${field} day`, 'n', 2, 2));
    const month = this.readCode(`${field} month`, MONTHS);
    if (day < 1 || day > DAYS_IN_MONTH[month]) this.fail(`${field} day`, `${String(day).padStart(2, '0')}${month} is not a day of the calendar`, start);
    return { day, month };
  }

  /** Time hhmm (00:00..23:59). */
  readTime(field: string): string {
    const start = this.pos;
    const value = this.read(field, 'n', 4, 4);
    if (Number(value.slice(0, 2)) > 23 || Number(value.slice(2)) > 59) this.fail(field, `${value} is not a time of day (hhmm)`, start);
    return value;
  }

  /** The line must be over. */
  expectEnd(after: string): void {
    if (!this.atEnd()) this.fail(after, `unexpected "${this.text.slice(this.pos)}" after the ${after}`);
  }
}
