import { CargoImpSyntaxError } from '../common/cargo-imp.error';
import { readAwb, readFlight, readTotalPieces, readWeight } from '../common/imp-elements.codec';
import { ElementLength, MAX_SPECIAL_HANDLING_CODES, SHIPMENT_DESCRIPTION_CODES, VOLUME_CODES } from '../common/imp-elements.constants';
import { LineCursor } from '../common/line.cursor';
import { linesOfMessage, splitMessages } from '../common/message-text.util';
import type { FfmConsignment, FfmFlight, FfmManifest, FfmMessage, FfmPointOfUnloading, FfmUld } from './ffm.model';

const FFM = 'FFM/8';

function cursor(text: string, line: number, lineName: string): LineCursor {
  return new LineCursor(text, { messageType: FFM, line, lineName });
}

function readHeader(text: string): void {
  const c = cursor(text, 1, 'standard message identification');
  c.expect('standard message identifier', 'FFM');
  c.expect('standard message identifier', '/');
  const version = c.read('message type version number', 'n', 1, 3);
  if (version !== '8') c.fail('message type version number', `this parser reads FFM version 8, not ${version}`, 4);
  c.expectEnd('message type version number');
}

/** `1/CX953/01DEC[0300]/WUH[/B-LRA]`. */
function readFlightLine(text: string, line: number): { sequenceNumber: number; flight: FfmFlight } {
  const c = cursor(text, line, 'flight identification and point of loading');
  const sequenceNumber = c.readInteger('message sequence number', ElementLength.messageSequence, 1);
  c.expect('flight identification', '/');
  const flight = readFlight(c, 'flight identification');
  c.expect('day of scheduled departure', '/');
  const { day, month } = c.readDayMonth('scheduled departure');
  const date: FfmFlight['date'] = { day, month };
  if (!c.atEnd() && c.peek() !== '/') date.time = c.readTime('time of scheduled departure');
  c.expect('airport code of loading', '/');
  const pointOfLoading = c.read('airport code of loading', 'a', 3, 3);
  const result: FfmFlight = { flight, date, pointOfLoading };
  if (c.accept('/')) result.aircraftRegistration = c.readField('aircraft registration', 't', 1, ElementLength.aircraftRegistration);
  c.expectEnd(result.aircraftRegistration !== undefined ? 'aircraft registration' : 'airport code of loading');
  return { sequenceNumber, flight: result };
}

/** `FRA` or `FRA/NIL`. */
function readPointOfUnloading(text: string, line: number): FfmPointOfUnloading {
  const c = cursor(text, line, 'point of unloading');
  const airport = c.read('airport code of unloading', 'a', 3, 3);
  let nil = false;
  if (c.accept('/')) {
    c.expect('nil cargo code', 'NIL');
    nil = true;
  }
  c.expectEnd(nil ? 'nil cargo code' : 'airport code of unloading');
  return { airport, nil, bulk: [], ulds: [] };
}

/** `ULD/PMC12345CZ[-M][/REMARKS]`: type (3), serial (4–5), owner (2). */
function readUld(text: string, line: number): FfmUld {
  const c = cursor(text, line, 'ULD description');
  c.expect('line identifier', 'ULD/');
  const start = 4;
  const id = c.read('ULD identification', 'm', 9, 10);
  const type = id.slice(0, 3);
  const serialNumber = id.slice(3, -2);
  const ownerCode = id.slice(-2);
  if (!/^[A-Z]/.test(type)) c.fail('ULD type', `"${type}" must start with a letter`, start);
  if (!/^[A-Z0-9]\d{3,4}$/.test(serialNumber)) c.fail('ULD serial number', `"${serialNumber}" must be 4 or 5 characters, digits after the first`, start + 3);
  const uld: FfmUld = { type, serialNumber, ownerCode, consignments: [] };
  if (c.accept('-')) uld.loadingIndicator = c.read('ULD loading indicator', 'a', 1, 1);
  if (c.accept('/')) uld.remarks = c.readField('ULD remarks', 't', 1, ElementLength.uldRemarks);
  c.expectEnd(uld.remarks !== undefined ? 'ULD remarks' : 'ULD identification');
  return uld;
}

/** `784-65684393EHUPEK/T12K486.5MC2.4/OPTICAL MODULES`. */
function readConsignment(text: string, line: number): FfmConsignment {
  const c = cursor(text, line, 'consignment detail');
  const awb = readAwb(c);
  const origin = c.read('airport code of origin', 'a', 3, 3);
  const destination = c.read('airport code of destination', 'a', 3, 3);
  c.expect('quantity detail', '/');
  const code = c.readCode('shipment description code', SHIPMENT_DESCRIPTION_CODES);
  const pieces = c.readInteger('number of pieces', ElementLength.pieces, 1);
  const weight = readWeight(c);
  const quantity: FfmConsignment['quantity'] = { code, pieces, weight };
  const consignment: Omit<FfmConsignment, 'goodsDescription' | 'specialHandlingCodes'> = { awb, origin, destination, quantity };
  if ((VOLUME_CODES as readonly string[]).includes(c.peek(2))) {
    const volumeCode = c.readCode('volume code', VOLUME_CODES);
    consignment.volume = { code: volumeCode, value: c.readDecimal('volume amount', ElementLength.volume, 2) };
  }
  if (c.accept('DG')) consignment.densityGroup = c.readInteger('density group', ElementLength.densityGroup);
  readTotalPieces(c, quantity);
  c.expect('manifest description of goods', '/');
  const goodsDescription = c.readField('manifest description of goods', 't', 1, ElementLength.manifestDescription);
  c.expectEnd('manifest description of goods');
  return { ...consignment, goodsDescription, specialHandlingCodes: [] };
}

/** `/ELI/CAO`: 1 to 9 special handling codes. */
function readSpecialHandling(text: string, line: number): string[] {
  const c = cursor(text, line, 'special handling requirements');
  const codes: string[] = [];
  while (!c.atEnd()) {
    c.expect('special handling code', '/');
    if (codes.length === MAX_SPECIAL_HANDLING_CODES) c.fail('special handling code', `at most ${MAX_SPECIAL_HANDLING_CODES} codes on the line`);
    codes.push(c.read('special handling code', 'a', 3, 3));
  }
  return codes;
}

type LineKind = 'pointOfUnloading' | 'uld' | 'consignment' | 'specialHandling' | 'end';

function kindOf(text: string, line: number): LineKind {
  if (text === 'LAST' || text === 'CONT') return 'end';
  // `ULD/NIL` is a point of unloading (airport ULD) with nothing loaded, not a ULD description.
  if (text.startsWith('ULD/') && text !== 'ULD/NIL') return 'uld';
  if (/^\d{3}-/.test(text)) return 'consignment';
  if (text.startsWith('/')) return 'specialHandling';
  if (/^[A-Z]{3}(\/|$)/.test(text)) return 'pointOfUnloading';
  throw new CargoImpSyntaxError(FFM, line, 'unknown line', 'line', `"${text.slice(0, 20)}" is no FFM/8 line (point of unloading, ULD/, consignment detail, special handling, CONT or LAST)`);
}

/**
 * Parses one FFM/8 message strictly: every line must be one the FFM/8 grammar has, in its place,
 * with every data element of the right class and length; the message ends with `CONT` or `LAST`,
 * has at most 3500 characters and lines of at most 69.
 *
 * Throws {@link CargoImpSyntaxError} at the first violation, naming the line and the element.
 */
export function parseFfm(text: string): FfmMessage {
  const lines = linesOfMessage(FFM, text);
  readHeader(lines[0] as string);
  if (lines.length < 2) throw new CargoImpSyntaxError(FFM, 2, 'flight identification and point of loading', 'line', 'is missing');
  const { sequenceNumber, flight } = readFlightLine(lines[1] as string, 2);
  const points: FfmPointOfUnloading[] = [];
  let point: FfmPointOfUnloading | undefined;
  let uld: FfmUld | undefined;
  let previous: LineKind | 'flight' = 'flight';
  let end: FfmMessage['end'] | undefined;
  const closeUld = (line: number) => {
    if (uld && uld.consignments.length === 0) throw new CargoImpSyntaxError(FFM, line, 'ULD description', 'consignment detail', `ULD ${uld.type}${uld.serialNumber}${uld.ownerCode} has no consignment`);
  };
  for (let i = 2; i < lines.length; i++) {
    const text = lines[i] as string;
    const line = i + 1;
    const kind = kindOf(text, line);
    switch (kind) {
      case 'end':
        if (i !== lines.length - 1) throw new CargoImpSyntaxError(FFM, line, 'manifest complete indicator', 'end of message code', `${text} must be the last line`);
        if (!point) throw new CargoImpSyntaxError(FFM, line, 'manifest complete indicator', 'point of unloading', 'the message names no point of unloading');
        closeUld(line);
        end = text as FfmMessage['end'];
        break;
      case 'pointOfUnloading':
        closeUld(line);
        uld = undefined;
        point = readPointOfUnloading(text, line);
        points.push(point);
        break;
      case 'uld':
        if (!point) throw new CargoImpSyntaxError(FFM, line, 'ULD description', 'point of unloading', 'a ULD line comes after its point of unloading');
        if (point.nil) throw new CargoImpSyntaxError(FFM, line, 'ULD description', 'nil cargo code', `point of unloading ${point.airport} is NIL`);
        closeUld(line);
        uld = readUld(text, line);
        point.ulds.push(uld);
        break;
      case 'consignment': {
        if (!point) throw new CargoImpSyntaxError(FFM, line, 'consignment detail', 'point of unloading', 'a consignment comes after its point of unloading');
        if (point.nil) throw new CargoImpSyntaxError(FFM, line, 'consignment detail', 'nil cargo code', `point of unloading ${point.airport} is NIL`);
        const consignment = readConsignment(text, line);
        (uld ? uld.consignments : point.bulk).push(consignment);
        break;
      }
      case 'specialHandling': {
        if (previous !== 'consignment') throw new CargoImpSyntaxError(FFM, line, 'special handling requirements', 'line', 'special handling codes follow a consignment detail line, once');
        const last = uld ? uld.consignments[uld.consignments.length - 1] : point?.bulk[point.bulk.length - 1];
        (last as FfmConsignment).specialHandlingCodes = readSpecialHandling(text, line);
        break;
      }
    }
    previous = kind;
  }
  if (!end) throw new CargoImpSyntaxError(FFM, lines.length, 'manifest complete indicator', 'end of message code', 'the message must end with CONT or LAST');
  return { sequenceNumber, flight, pointsOfUnloading: points, end };
}

function sameFlight(a: FfmFlight, b: FfmFlight): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Parses the messages of one manifest (texts, or one text with messages separated by blank lines)
 * and joins them: sequence numbers 1..n in order, every message but the last ends with `CONT`, the
 * last with `LAST`, all name the same flight. A point of unloading (and ULD) continued across a
 * message boundary is joined back into one.
 */
export function parseFfmManifest(messages: string | readonly string[]): FfmManifest {
  const texts = typeof messages === 'string' ? splitMessages(messages) : messages;
  if (texts.length === 0) throw new CargoImpSyntaxError(FFM, 1, 'message', 'message', 'no message');
  const parsed = texts.map((text, i) => {
    try {
      return parseFfm(text);
    } catch (error) {
      if (error instanceof CargoImpSyntaxError && texts.length > 1) {
        throw new CargoImpSyntaxError(FFM, error.line, `message ${i + 1} of ${texts.length}, ${error.lineName}`, error.field, error.reason, error.column);
      }
      throw error;
    }
  });
  const first = parsed[0] as FfmMessage;
  const joined: FfmManifest = { flight: first.flight, pointsOfUnloading: [] };
  parsed.forEach((m, i) => {
    const last = i === parsed.length - 1;
    if (m.sequenceNumber !== i + 1) throw new CargoImpSyntaxError(FFM, 2, `message ${i + 1} of ${parsed.length}`, 'message sequence number', `is ${m.sequenceNumber}, expected ${i + 1}`);
    if (m.end !== (last ? 'LAST' : 'CONT')) throw new CargoImpSyntaxError(FFM, 0, `message ${i + 1} of ${parsed.length}`, 'end of message code', `is ${m.end}, expected ${last ? 'LAST' : 'CONT'}`);
    if (!sameFlight(m.flight, first.flight)) throw new CargoImpSyntaxError(FFM, 2, `message ${i + 1} of ${parsed.length}`, 'flight identification', 'names another flight than message 1');
    m.pointsOfUnloading.forEach((p, pi) => {
      const previous = joined.pointsOfUnloading[joined.pointsOfUnloading.length - 1];
      if (pi === 0 && previous && previous.airport === p.airport && !p.nil && !previous.nil) {
        const [firstUld, ...otherUlds] = p.ulds;
        const lastUld = previous.ulds[previous.ulds.length - 1];
        if (p.bulk.length === 0 && firstUld && lastUld && firstUld.type === lastUld.type && firstUld.serialNumber === lastUld.serialNumber && firstUld.ownerCode === lastUld.ownerCode) {
          lastUld.consignments.push(...firstUld.consignments);
          previous.ulds.push(...otherUlds);
        } else {
          if (p.bulk.length > 0 && previous.ulds.length > 0) {
            throw new CargoImpSyntaxError(FFM, 3, `message ${i + 1} of ${parsed.length}`, 'consignment detail', `bulk consignments for ${p.airport} continue after its ULDs (bulk comes first)`);
          }
          previous.bulk.push(...p.bulk);
          previous.ulds.push(...p.ulds);
        }
        return;
      }
      joined.pointsOfUnloading.push(p);
    });
  });
  return joined;
}
