import { CargoImpWriteError } from './cargo-imp.error';
import {
  DAYS_IN_MONTH,
  ElementLength,
  MONTHS,
  SHIPMENT_DESCRIPTION_CODES,
  WEIGHT_CODES,
  isOfClass,
  type CharClass,
} from './imp-elements.constants';
import type { ImpDate, ImpFlight, ImpQuantity, ImpWeight } from './imp-values.model';
import type { LineCursor } from './line.cursor';

/**
 * Readers and writers of the element groups several messages share (AWB, flight, date, quantity).
 * A reader consumes from a {@link LineCursor} and throws a syntax error naming the element; a writer
 * formats a value and throws a {@link CargoImpWriteError} naming the input field when the value
 * cannot be written as the element requires.
 */

const AWB_PATTERN = /^(\d{3})-(\d{8})$/;

/** The AWB check digit: the first seven digits of the serial number modulo 7. */
export function awbCheckDigitOf(serial: string): number {
  return Number(serial.slice(0, 7)) % 7;
}

/** Airline prefix (n3), `-`, serial number (n8) whose last digit is the check digit. */
export function readAwb(c: LineCursor): string {
  const prefix = c.read('AWB airline prefix', 'n', 3, 3);
  c.expect('AWB number', '-');
  const serial = c.read('AWB serial number', 'n', 8, 8);
  const check = awbCheckDigitOf(serial);
  if (Number(serial[7]) !== check) c.fail('AWB serial number', `check digit ${serial[7]} is wrong for ${prefix}-${serial} (serial mod 7 = ${check})`);
  return `${prefix}-${serial}`;
}

export function writeAwb(messageType: string, field: string, awb: string): string {
  const m = AWB_PATTERN.exec(awb);
  if (!m) throw new CargoImpWriteError(messageType, field, `"${awb}" is not an AWB number PPP-SSSSSSSS`);
  const serial = m[2] as string;
  if (Number(serial[7]) !== awbCheckDigitOf(serial)) throw new CargoImpWriteError(messageType, field, `check digit of ${awb} is wrong`);
  return awb;
}

/** Carrier code (m2) + flight number (n3..4, optional suffix letter). */
export function readFlight(c: LineCursor, field: string): ImpFlight {
  const carrier = c.read(`${field} carrier code`, 'm', 2, 2);
  const digits = c.read(`${field} flight number`, 'n', 3, 4);
  const suffix = isOfClass(c.peek(), 'a') ? c.read(`${field} flight number suffix`, 'a', 1, 1) : '';
  return { carrier, number: `${digits}${suffix}` };
}

export function writeFlight(messageType: string, field: string, f: ImpFlight): string {
  if (!/^[A-Z0-9]{2}$/.test(f.carrier)) throw new CargoImpWriteError(messageType, `${field}.carrier`, `"${f.carrier}" is not a two-character carrier code`);
  if (!/^\d{3,4}[A-Z]?$/.test(f.number)) throw new CargoImpWriteError(messageType, `${field}.number`, `"${f.number}" is not a flight number of 3 or 4 digits (and an optional suffix letter)`);
  return `${f.carrier}${f.number}`;
}

/**
 * Splits a flight designator as timetables write it (`CZ3561`, `O36921`, `MU5`) into carrier and a
 * Cargo-IMP flight number (digits padded to 3).
 */
export function impFlightOf(flightNumber: string): ImpFlight {
  const m = /^([A-Z0-9]{2})(\d{1,4})([A-Z]?)$/.exec(flightNumber);
  if (!m) throw new CargoImpWriteError('Cargo-IMP', 'flightNumber', `"${flightNumber}" is not a flight designator (carrier code + up to 4 digits)`);
  return { carrier: m[1] as string, number: `${(m[2] as string).padStart(3, '0')}${m[3] as string}` };
}

/** The flight designator back (`CZ` + `003` → `CZ3`), as timetables write it. */
export function flightNumberOf(f: ImpFlight): string {
  const m = /^(\d+)([A-Z]?)$/.exec(f.number);
  return m ? `${f.carrier}${Number(m[1])}${m[2] as string}` : `${f.carrier}${f.number}`;
}

export function writeDate(messageType: string, field: string, d: ImpDate): string {
  if (!(MONTHS as readonly string[]).includes(d.month)) throw new CargoImpWriteError(messageType, `${field}.month`, `"${d.month}" is not a month code`);
  if (!Number.isInteger(d.day) || d.day < 1 || d.day > DAYS_IN_MONTH[d.month]) throw new CargoImpWriteError(messageType, `${field}.day`, `${d.day} is not a day of ${d.month}`);
  return `${String(d.day).padStart(2, '0')}${d.month}`;
}

export function writeTime(messageType: string, field: string, time: string): string {
  if (!/^([01]\d|2[0-3])[0-5]\d$/.test(time)) throw new CargoImpWriteError(messageType, field, `"${time}" is not a time hhmm`);
  return time;
}

/** A decimal without trailing zeros, e.g. 486.50 → `486.5`, 820 → `820`. */
export function formatDecimal(messageType: string, field: string, value: number, maxChars: number, maxDecimals: number): string {
  if (!Number.isFinite(value) || value < 0) throw new CargoImpWriteError(messageType, field, `${value} is not a non-negative number`);
  const text = value.toFixed(maxDecimals).replace(/\.?0+$/, '') || '0';
  if (text.length > maxChars) throw new CargoImpWriteError(messageType, field, `${value} needs more than ${maxChars} characters`);
  if (Number(text) !== value) throw new CargoImpWriteError(messageType, field, `${value} has more than ${maxDecimals} decimal${maxDecimals === 1 ? '' : 's'}`);
  return text;
}

export function writePieces(messageType: string, field: string, pieces: number): string {
  if (!Number.isInteger(pieces) || pieces < 1 || String(pieces).length > ElementLength.pieces) {
    throw new CargoImpWriteError(messageType, field, `${pieces} is not a number of pieces 1..9999`);
  }
  return String(pieces);
}

export function writeWeight(messageType: string, field: string, w: ImpWeight): string {
  if (!(WEIGHT_CODES as readonly string[]).includes(w.code)) throw new CargoImpWriteError(messageType, `${field}.code`, `"${w.code}" is not K or L`);
  return `${w.code}${formatDecimal(messageType, `${field}.value`, w.value, ElementLength.weight, 1)}`;
}

export function readWeight(c: LineCursor): ImpWeight {
  const code = c.readCode('weight code', WEIGHT_CODES);
  return { code, value: c.readDecimal('weight', ElementLength.weight, 1) };
}

/** Shipment description code + pieces (no weight, no total). */
export function readPiecesPart(c: LineCursor): Pick<ImpQuantity, 'code' | 'pieces'> {
  const code = c.readCode('shipment description code', SHIPMENT_DESCRIPTION_CODES);
  return { code, pieces: c.readInteger('number of pieces', ElementLength.pieces, 1) };
}

/**
 * A quantity as status lines write it: code, pieces, optional weight, and the total pieces when the
 * code is not T (`T12K340.5`, `P5K100T12`).
 */
export function readQuantity(c: LineCursor, weightRequired: boolean): ImpQuantity {
  const q: ImpQuantity = readPiecesPart(c);
  if (weightRequired || c.peek() === 'K' || c.peek() === 'L') q.weight = readWeight(c);
  readTotalPieces(c, q);
  return q;
}

/** `T<pieces>` after a P/S/D quantity (required there), refused after a T quantity. */
export function readTotalPieces(c: LineCursor, q: ImpQuantity): void {
  if (q.code === 'T') return;
  c.expect('total consignment pieces', 'T');
  q.totalPieces = c.readInteger('total consignment pieces', ElementLength.pieces, 1);
  if (q.totalPieces < q.pieces) c.fail('total consignment pieces', `${q.totalPieces} is less than the ${q.pieces} pieces of this ${q.code} line`);
}

export function writeQuantity(messageType: string, field: string, q: ImpQuantity, weightRequired: boolean): string {
  if (!(SHIPMENT_DESCRIPTION_CODES as readonly string[]).includes(q.code)) throw new CargoImpWriteError(messageType, `${field}.code`, `"${q.code}" is not T, P, S or D`);
  if (weightRequired && !q.weight) throw new CargoImpWriteError(messageType, `${field}.weight`, 'is required');
  const weight = q.weight ? writeWeight(messageType, `${field}.weight`, q.weight) : '';
  return `${q.code}${writePieces(messageType, `${field}.pieces`, q.pieces)}${weight}${writeTotalPieces(messageType, field, q)}`;
}

export function writeTotalPieces(messageType: string, field: string, q: ImpQuantity): string {
  if (q.code === 'T') {
    if (q.totalPieces !== undefined) throw new CargoImpWriteError(messageType, `${field}.totalPieces`, 'is given only for P, S and D quantities');
    return '';
  }
  if (q.totalPieces === undefined) throw new CargoImpWriteError(messageType, `${field}.totalPieces`, `is required for a ${q.code} quantity`);
  if (q.totalPieces < q.pieces) throw new CargoImpWriteError(messageType, `${field}.totalPieces`, 'is less than the pieces');
  return `T${writePieces(messageType, `${field}.totalPieces`, q.totalPieces)}`;
}

/** A free-text or coded element checked against its class and maximum length. */
export function writeElement(messageType: string, field: string, value: string, cls: CharClass, min: number, max: number): string {
  const bad = [...value].find((c) => !isOfClass(c, cls));
  if (bad !== undefined) throw new CargoImpWriteError(messageType, field, `"${bad}" is not allowed in "${value}"`);
  if (value.length < min || value.length > max) throw new CargoImpWriteError(messageType, field, `"${value}" must have ${min === max ? min : `${min} to ${max}`} characters`);
  if (cls === 't' && value !== value.trim()) throw new CargoImpWriteError(messageType, field, `"${value}" must not start or end with a space`);
  return value;
}

/**
 * Free text as a Cargo-IMP `t` element: upper case, letters/digits/space/hyphen/full stop only
 * (anything else becomes a space), spaces collapsed, cut to `max` characters at the end. For
 * example the FFM manifest description takes the first 15 characters of the goods description.
 * May return an empty string (nothing printable left); callers supply a fallback.
 */
export function impFreeText(text: string, max: number): string {
  const cleaned = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 .-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned.slice(0, max).trimEnd();
}
