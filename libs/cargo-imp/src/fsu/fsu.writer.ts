import { CargoImpWriteError } from '../common/cargo-imp.error';
import { writeAwb, writeDate, writeElement, writeFlight, writeQuantity, writeTime } from '../common/imp-elements.codec';
import { ElementLength, MAX_MESSAGE_CHARS } from '../common/imp-elements.constants';
import { messageLengthOf, messageTextOf } from '../common/message-text.util';
import {
  DISCREPANCY_CODES,
  FSU_STATUS_CODES,
  TIME_INDICATORS,
  type FsuMessage,
  type FsuStatus,
  type FsuTime,
} from './fsu.model';

const FSU = 'FSU/15';

/** The standard message identification of FSU version 15. */
export const FSU_HEADER = 'FSU/15';

/** Other service information: t[...65] per line, at most two lines. */
export const OSI_LINE_CHARS = 65;

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function writeFsuTime(field: string, t: FsuTime): string {
  if (!includes(TIME_INDICATORS, t.indicator)) throw new CargoImpWriteError(FSU, `${field}.indicator`, `"${t.indicator}" is not S, E or A`);
  return `${t.indicator}${writeTime(FSU, `${field}.time`, t.time)}`;
}

function airport(field: string, code: string): string {
  return writeElement(FSU, field, code, 'a', 3, 3);
}

/** One status line. */
export function fsuStatusLine(s: FsuStatus, field = 'status'): string {
  const quantity = writeQuantity(FSU, `${field}.quantity`, s.quantity, false);
  switch (s.code) {
    case 'BKD':
    case 'MAN':
    case 'DEP': {
      let line = `${s.code}/${writeFlight(FSU, `${field}.flight`, s.flight)}/${writeDate(FSU, `${field}.date`, s.date)}/${airport(`${field}.departureAirport`, s.departureAirport)}${airport(`${field}.arrivalAirport`, s.arrivalAirport)}/${quantity}`;
      if (s.arrivalTime && !s.departureTime) throw new CargoImpWriteError(FSU, `${field}.arrivalTime`, 'is written after a departure time');
      if (s.departureTime) line += `/${writeFsuTime(`${field}.departureTime`, s.departureTime)}`;
      if (s.arrivalTime) line += `/${writeFsuTime(`${field}.arrivalTime`, s.arrivalTime)}`;
      return line;
    }
    case 'ARR':
    case 'RCF': {
      const time = s.date.time !== undefined ? writeTime(FSU, `${field}.date.time`, s.date.time) : '';
      return `${s.code}/${writeFlight(FSU, `${field}.flight`, s.flight)}/${writeDate(FSU, `${field}.date`, s.date)}${time}/${airport(`${field}.airport`, s.airport)}/${quantity}`;
    }
    case 'RCS':
    case 'FOH':
    case 'NFD':
    case 'DLV': {
      const name = s.name !== undefined ? `/${writeElement(FSU, `${field}.name`, s.name, 't', 1, ElementLength.name)}` : '';
      return `${s.code}/${writeDate(FSU, `${field}.date`, s.date)}${writeTime(FSU, `${field}.date.time`, s.date.time)}/${airport(`${field}.airport`, s.airport)}/${quantity}${name}`;
    }
    case 'DIS': {
      if (!includes(DISCREPANCY_CODES, s.discrepancyCode)) throw new CargoImpWriteError(FSU, `${field}.discrepancyCode`, `"${s.discrepancyCode}" is not one of ${DISCREPANCY_CODES.join(', ')}`);
      const flight = s.flight ? writeFlight(FSU, `${field}.flight`, s.flight) : '';
      const time = s.date.time !== undefined ? writeTime(FSU, `${field}.date.time`, s.date.time) : '';
      return `DIS/${flight}/${writeDate(FSU, `${field}.date`, s.date)}${time}/${airport(`${field}.airport`, s.airport)}/${s.discrepancyCode}/${quantity}`;
    }
    default:
      throw new CargoImpWriteError(FSU, `${field}.code`, `"${(s as { code: string }).code}" is not a status this library writes (${FSU_STATUS_CODES.join(', ')})`);
  }
}

/**
 * Writes an FSU/15 message: `FSU/15`, the consignment detail line
 * (`784-65684393EHUPEK/T12K486.5`), one line per status, then OSI lines if any. Lines end with
 * CRLF; the message stays within the Cargo-IMP size limit.
 *
 * Throws {@link CargoImpWriteError} naming the input field for data no FSU element can carry.
 */
export function writeFsu(m: FsuMessage): string {
  if (m.statuses.length === 0) throw new CargoImpWriteError(FSU, 'statuses', 'an FSU reports at least one status');
  const awb = writeAwb(FSU, 'awb', m.awb);
  const route = `${airport('origin', m.origin)}${airport('destination', m.destination)}`;
  const lines = [FSU_HEADER, `${awb}${route}/${writeQuantity(FSU, 'quantity', m.quantity, false)}`];
  m.statuses.forEach((s, i) => lines.push(fsuStatusLine(s, `statuses.${i}`)));
  const osi = m.osi ?? [];
  if (osi.length > 2) throw new CargoImpWriteError(FSU, 'osi', 'at most two lines of other service information');
  osi.forEach((text, i) => lines.push(`${i === 0 ? 'OSI' : ''}/${writeElement(FSU, `osi.${i}`, text, 't', 1, OSI_LINE_CHARS)}`));
  if (messageLengthOf(lines) > MAX_MESSAGE_CHARS) throw new CargoImpWriteError(FSU, 'statuses', `the message would exceed ${MAX_MESSAGE_CHARS} characters`);
  return messageTextOf(lines);
}
