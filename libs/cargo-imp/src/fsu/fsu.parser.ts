import { CargoImpSyntaxError } from '../common/cargo-imp.error';
import { readAwb, readFlight, readQuantity } from '../common/imp-elements.codec';
import { ElementLength } from '../common/imp-elements.constants';
import type { ImpDate } from '../common/imp-values.model';
import { LineCursor } from '../common/line.cursor';
import { linesOfMessage } from '../common/message-text.util';
import {
  DISCREPANCY_CODES,
  FSU_ARRIVAL_CODES,
  FSU_HANDLING_CODES,
  FSU_MOVEMENT_CODES,
  FSU_STATUS_CODES,
  TIME_INDICATORS,
  type FsuMessage,
  type FsuStatus,
  type FsuTime,
} from './fsu.model';
import { OSI_LINE_CHARS } from './fsu.writer';

const FSU = 'FSU/15';

function cursor(text: string, line: number, lineName: string): LineCursor {
  return new LineCursor(text, { messageType: FSU, line, lineName });
}

function includes<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

function readHeader(text: string): void {
  const c = cursor(text, 1, 'standard message identification');
  c.expect('standard message identifier', 'FSU');
  c.expect('standard message identifier', '/');
  const version = c.read('message type version number', 'n', 1, 3);
  if (version !== '15') c.fail('message type version number', `this parser reads FSU version 15, not ${version}`, 4);
  c.expectEnd('message type version number');
}

function readConsignment(text: string): Pick<FsuMessage, 'awb' | 'origin' | 'destination' | 'quantity'> {
  const c = cursor(text, 2, 'consignment detail');
  const awb = readAwb(c);
  const origin = c.read('airport code of origin', 'a', 3, 3);
  const destination = c.read('airport code of destination', 'a', 3, 3);
  c.expect('quantity detail', '/');
  const quantity = readQuantity(c, false);
  c.expectEnd('quantity detail');
  return { awb, origin, destination, quantity };
}

function readTimeInfo(c: LineCursor, field: string): FsuTime {
  const indicator = c.readCode(`${field} indicator`, TIME_INDICATORS);
  return { indicator, time: c.readTime(field) };
}

function readStatus(text: string, line: number): FsuStatus {
  const code = text.slice(0, 3);
  if (!includes(FSU_STATUS_CODES, code) || text[3] !== '/') {
    throw new CargoImpSyntaxError(FSU, line, 'status details', 'status code', `"${text.slice(0, 4)}" is not a status line this parser reads (${FSU_STATUS_CODES.join(', ')}, then "/")`);
  }
  const c = cursor(text, line, `${code} status details`);
  c.expect('status code', `${code}/`);
  if (includes(FSU_MOVEMENT_CODES, code)) {
    const flight = readFlight(c, 'flight identification');
    c.expect('flight date', '/');
    const date = c.readDayMonth('flight date');
    c.expect('airport of departure', '/');
    const departureAirport = c.read('airport of departure', 'a', 3, 3);
    const arrivalAirport = c.read('airport of arrival', 'a', 3, 3);
    c.expect('quantity detail', '/');
    const status: FsuStatus = { code, flight, date, departureAirport, arrivalAirport, quantity: readQuantity(c, false) };
    if (c.accept('/')) status.departureTime = readTimeInfo(c, 'time of departure');
    if (c.accept('/')) status.arrivalTime = readTimeInfo(c, 'time of arrival');
    c.expectEnd(status.arrivalTime ? 'time of arrival' : status.departureTime ? 'time of departure' : 'quantity detail');
    return status;
  }
  if (includes(FSU_ARRIVAL_CODES, code)) {
    const flight = readFlight(c, 'flight identification');
    c.expect('day of the status', '/');
    const date: ImpDate & { time?: string } = c.readDayMonth('day of the status');
    if (c.peek() !== '/') date.time = c.readTime('time of the status');
    c.expect('airport', '/');
    const airport = c.read('airport', 'a', 3, 3);
    c.expect('quantity detail', '/');
    const quantity = readQuantity(c, false);
    c.expectEnd('quantity detail');
    return { code, flight, date, airport, quantity };
  }
  if (includes(FSU_HANDLING_CODES, code)) {
    const { day, month } = c.readDayMonth('day of the status');
    const time = c.readTime('time of the status');
    c.expect('airport', '/');
    const airport = c.read('airport', 'a', 3, 3);
    c.expect('quantity detail', '/');
    const status: FsuStatus = { code, date: { day, month, time }, airport, quantity: readQuantity(c, false) };
    if (c.accept('/')) status.name = c.readField('name', 't', 1, ElementLength.name);
    c.expectEnd(status.name !== undefined ? 'name' : 'quantity detail');
    return status;
  }
  // DIS
  const flight = c.peek() === '/' ? undefined : readFlight(c, 'flight identification');
  c.expect('day of the discrepancy', '/');
  const { day, month } = c.readDayMonth('day of the discrepancy');
  const time = c.peek() !== '/' ? c.readTime('time of the discrepancy') : undefined;
  c.expect('airport', '/');
  const airport = c.read('airport', 'a', 3, 3);
  c.expect('discrepancy code', '/');
  const discrepancyCode = c.readCode('discrepancy code', DISCREPANCY_CODES);
  c.expect('quantity detail', '/');
  const quantity = readQuantity(c, false);
  c.expectEnd('quantity detail');
  return { code: 'DIS', ...(flight ? { flight } : {}), date: { day, month, ...(time ? { time } : {}) }, airport, discrepancyCode, quantity };
}

/**
 * Parses one FSU/15 message strictly: `FSU/15`, the consignment detail line, one or more status
 * lines (RCS, FOH, BKD, MAN, DEP, ARR, RCF, NFD, DLV, DIS), then up to two lines of other service
 * information (`OSI/…`, `/…`). Every element is checked for its class and length; anything the
 * grammar does not have is an error.
 *
 * Throws {@link CargoImpSyntaxError} at the first violation, naming the line and the element.
 */
export function parseFsu(text: string): FsuMessage {
  const lines = linesOfMessage(FSU, text);
  readHeader(lines[0] as string);
  if (lines.length < 2) throw new CargoImpSyntaxError(FSU, 2, 'consignment detail', 'line', 'is missing');
  const message: FsuMessage = { ...readConsignment(lines[1] as string), statuses: [] };
  let i = 2;
  for (; i < lines.length && !(lines[i] as string).startsWith('OSI/') && !(lines[i] as string).startsWith('/'); i++) {
    message.statuses.push(readStatus(lines[i] as string, i + 1));
  }
  if (message.statuses.length === 0) throw new CargoImpSyntaxError(FSU, 3, 'status details', 'line', 'an FSU reports at least one status');
  const osi: string[] = [];
  for (; i < lines.length; i++) {
    const text = lines[i] as string;
    const c = cursor(text, i + 1, 'other service information');
    c.expect('line identifier', osi.length === 0 ? 'OSI/' : '/');
    if (osi.length === 2) c.fail('other service information', 'at most two lines', 0);
    osi.push(c.readField('other service information', 't', 1, OSI_LINE_CHARS));
    c.expectEnd('other service information');
  }
  if (osi.length > 0) message.osi = osi;
  return message;
}
