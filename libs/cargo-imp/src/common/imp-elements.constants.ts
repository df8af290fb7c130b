/**
 * Data elements shared by the Cargo-IMP messages this library reads and writes, with the lengths
 * the Cargo-IMP data element directory gives them (see README.md, "Sources", for where each comes
 * from). Character classes follow the manual's notation:
 * - `a` one letter A–Z, `n` one digit, `m` a letter or a digit,
 * - `t` free text: letters, digits, space, hyphen and full stop.
 */

/** Cargo-IMP (32nd edition on) limits a message to 3500 characters; longer content is split (CONT/LAST). */
export const MAX_MESSAGE_CHARS = 3500;

/** Type B text lines carry at most 69 characters; every line this library writes or accepts fits. */
export const MAX_LINE_CHARS = 69;

/** Lines end with carriage return + line feed. */
export const CRLF = '\r\n';

export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
export type MonthCode = (typeof MONTHS)[number];

/** Longest day of each month (29 for February: a Cargo-IMP date has no year). */
export const DAYS_IN_MONTH: Readonly<Record<MonthCode, number>> = {
  JAN: 31, FEB: 29, MAR: 31, APR: 30, MAY: 31, JUN: 30, JUL: 31, AUG: 31, SEP: 30, OCT: 31, NOV: 30, DEC: 31,
};

/**
 * Shipment description code (DE703): T total consignment, P part consignment, S split consignment,
 * D divided consignment. Every code but T needs the total consignment pieces as well.
 */
export const SHIPMENT_DESCRIPTION_CODES = ['T', 'P', 'S', 'D'] as const;
export type ShipmentDescriptionCode = (typeof SHIPMENT_DESCRIPTION_CODES)[number];

/** Weight code (DE601): K kilograms, L pounds. */
export const WEIGHT_CODES = ['K', 'L'] as const;
export type WeightCode = (typeof WEIGHT_CODES)[number];

/** Volume code (DE604): MC cubic metres, CF cubic feet, CI cubic inches, CC cubic centimetres. */
export const VOLUME_CODES = ['MC', 'CF', 'CI', 'CC'] as const;
export type VolumeCode = (typeof VOLUME_CODES)[number];

/** Data element lengths (maximum characters; `n[...4]` is 4). */
export const ElementLength = {
  /** Number of pieces n[...4]. */
  pieces: 4,
  /** Weight n[...7]p: up to 7 characters including the decimal point. */
  weight: 7,
  /** Volume amount n[...9]p. */
  volume: 9,
  /** Density group n[...2]. */
  densityGroup: 2,
  /** Manifest description of goods t[...15] (FFM takes the first 15 characters of the waybill's nature of goods). */
  manifestDescription: 15,
  /** Aircraft registration t[...10]. */
  aircraftRegistration: 10,
  /** Name (of the person or party notified, delivered to, received from) t[...35]. */
  name: 35,
  /** Message sequence number n[...2]. */
  messageSequence: 2,
  /** ULD remarks t[...14]. */
  uldRemarks: 14,
} as const;

/** Special handling requirements per line: 1 to 9 three-letter codes. */
export const MAX_SPECIAL_HANDLING_CODES = 9;

export type CharClass = 'a' | 'n' | 'm' | 't';

export function isOfClass(c: string, cls: CharClass): boolean {
  const letter = c >= 'A' && c <= 'Z';
  const digit = c >= '0' && c <= '9';
  switch (cls) {
    case 'a':
      return letter;
    case 'n':
      return digit;
    case 'm':
      return letter || digit;
    case 't':
      return letter || digit || c === ' ' || c === '-' || c === '.';
  }
}

export const CLASS_NAMES: Readonly<Record<CharClass, string>> = {
  a: 'letters A-Z',
  n: 'digits',
  m: 'letters A-Z and digits',
  t: 'letters A-Z, digits, space, hyphen and full stop',
};
