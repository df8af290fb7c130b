import { CargoImpWriteError } from '../common/cargo-imp.error';
import {
  formatDecimal,
  writeAwb,
  writeDate,
  writeElement,
  writeFlight,
  writePieces,
  writeTime,
  writeTotalPieces,
  writeWeight,
} from '../common/imp-elements.codec';
import { ElementLength, MAX_MESSAGE_CHARS, MAX_SPECIAL_HANDLING_CODES, SHIPMENT_DESCRIPTION_CODES, VOLUME_CODES } from '../common/imp-elements.constants';
import { messageLengthOf, messageTextOf } from '../common/message-text.util';
import type { FfmConsignment, FfmFlight, FfmManifest, FfmUld } from './ffm.model';

const FFM = 'FFM/8';

/** The standard message identification of FFM version 8. */
export const FFM_HEADER = 'FFM/8';

/** The flight line without its message sequence number: `CX953/01DEC/WUH/B-LRA`. */
function flightLineTail(f: FfmFlight): string {
  const flight = writeFlight(FFM, 'flight.flight', f.flight);
  const date = `${writeDate(FFM, 'flight.date', f.date)}${f.date.time !== undefined ? writeTime(FFM, 'flight.date.time', f.date.time) : ''}`;
  const loading = writeElement(FFM, 'flight.pointOfLoading', f.pointOfLoading, 'a', 3, 3);
  const registration = f.aircraftRegistration !== undefined ? `/${writeElement(FFM, 'flight.aircraftRegistration', f.aircraftRegistration, 't', 1, ElementLength.aircraftRegistration)}` : '';
  return `${flight}/${date}/${loading}${registration}`;
}

/** Consignment detail line, e.g. `784-65684393EHUPEK/T12K486.5MC2.4/OPTICAL MODULES`, and its SHC line. */
export function consignmentLines(c: FfmConsignment, field: string): string[] {
  const awb = writeAwb(FFM, `${field}.awb`, c.awb);
  const route = `${writeElement(FFM, `${field}.origin`, c.origin, 'a', 3, 3)}${writeElement(FFM, `${field}.destination`, c.destination, 'a', 3, 3)}`;
  const q = c.quantity;
  if (!(SHIPMENT_DESCRIPTION_CODES as readonly string[]).includes(q.code)) throw new CargoImpWriteError(FFM, `${field}.quantity.code`, `"${q.code}" is not T, P, S or D`);
  if (!q.weight) throw new CargoImpWriteError(FFM, `${field}.quantity.weight`, 'is required');
  let detail = `${awb}${route}/${q.code}${writePieces(FFM, `${field}.quantity.pieces`, q.pieces)}${writeWeight(FFM, `${field}.quantity.weight`, q.weight)}`;
  if (c.volume) {
    if (!(VOLUME_CODES as readonly string[]).includes(c.volume.code)) throw new CargoImpWriteError(FFM, `${field}.volume.code`, `"${c.volume.code}" is not MC, CF, CI or CC`);
    detail += `${c.volume.code}${formatDecimal(FFM, `${field}.volume.value`, c.volume.value, ElementLength.volume, 2)}`;
  }
  if (c.densityGroup !== undefined) {
    if (!Number.isInteger(c.densityGroup) || c.densityGroup < 0 || c.densityGroup > 99) throw new CargoImpWriteError(FFM, `${field}.densityGroup`, `${c.densityGroup} is not 0..99`);
    detail += `DG${c.densityGroup}`;
  }
  detail += writeTotalPieces(FFM, `${field}.quantity`, q);
  detail += `/${writeElement(FFM, `${field}.goodsDescription`, c.goodsDescription, 't', 1, ElementLength.manifestDescription)}`;
  const lines = [detail];
  if (c.specialHandlingCodes.length > MAX_SPECIAL_HANDLING_CODES) {
    throw new CargoImpWriteError(FFM, `${field}.specialHandlingCodes`, `${c.specialHandlingCodes.length} codes; at most ${MAX_SPECIAL_HANDLING_CODES}`);
  }
  if (c.specialHandlingCodes.length > 0) {
    lines.push(c.specialHandlingCodes.map((code, i) => `/${writeElement(FFM, `${field}.specialHandlingCodes.${i}`, code, 'a', 3, 3)}`).join(''));
  }
  return lines;
}

function uldLine(u: FfmUld, field: string): string {
  const type = writeElement(FFM, `${field}.type`, u.type, 'm', 3, 3);
  if (!/^[A-Z]/.test(type)) throw new CargoImpWriteError(FFM, `${field}.type`, 'must start with a letter');
  if (!/^[A-Z0-9]\d{3,4}$/.test(u.serialNumber)) throw new CargoImpWriteError(FFM, `${field}.serialNumber`, `"${u.serialNumber}" is not a ULD serial number (4 or 5 characters, digits after the first)`);
  const owner = writeElement(FFM, `${field}.ownerCode`, u.ownerCode, 'm', 2, 2);
  const indicator = u.loadingIndicator !== undefined ? `-${writeElement(FFM, `${field}.loadingIndicator`, u.loadingIndicator, 'a', 1, 1)}` : '';
  const remarks = u.remarks !== undefined ? `/${writeElement(FFM, `${field}.remarks`, u.remarks, 't', 1, ElementLength.uldRemarks)}` : '';
  return `ULD/${type}${u.serialNumber}${owner}${indicator}${remarks}`;
}

/** What goes into the messages, in order: each entry belongs to a point of unloading (and maybe a ULD). */
interface Entry {
  pou: number;
  uld: number | null;
  lines: string[];
  /** The entry is the point-of-unloading line itself (a NIL point of unloading). */
  pouLineIncluded: boolean;
}

function entriesOf(m: FfmManifest): { entries: Entry[]; pouLines: string[]; uldLines: string[][] } {
  if (m.pointsOfUnloading.length === 0) throw new CargoImpWriteError(FFM, 'pointsOfUnloading', 'an FFM names at least one point of unloading');
  const entries: Entry[] = [];
  const pouLines: string[] = [];
  const uldLines: string[][] = [];
  m.pointsOfUnloading.forEach((p, pi) => {
    const field = `pointsOfUnloading.${pi}`;
    const airport = writeElement(FFM, `${field}.airport`, p.airport, 'a', 3, 3);
    pouLines.push(airport);
    uldLines.push(p.ulds.map((u, ui) => uldLine(u, `${field}.ulds.${ui}`)));
    const loaded = p.bulk.length + p.ulds.length;
    if (p.nil) {
      if (loaded > 0) throw new CargoImpWriteError(FFM, `${field}.nil`, 'a NIL point of unloading has no cargo');
      entries.push({ pou: pi, uld: null, lines: [`${airport}/NIL`], pouLineIncluded: true });
      return;
    }
    if (loaded === 0) entries.push({ pou: pi, uld: null, lines: [], pouLineIncluded: false });
    p.bulk.forEach((c, ci) => entries.push({ pou: pi, uld: null, lines: consignmentLines(c, `${field}.bulk.${ci}`), pouLineIncluded: false }));
    p.ulds.forEach((u, ui) => {
      if (u.consignments.length === 0) throw new CargoImpWriteError(FFM, `${field}.ulds.${ui}.consignments`, 'a ULD line is followed by at least one consignment');
      u.consignments.forEach((c, ci) => entries.push({ pou: pi, uld: ui, lines: consignmentLines(c, `${field}.ulds.${ui}.consignments.${ci}`), pouLineIncluded: false }));
    });
  });
  return { entries, pouLines, uldLines };
}

/**
 * Writes a manifest as FFM/8 messages: `FFM/8`, the flight line with the message sequence number,
 * then per point of unloading its line, the bulk consignments, then each ULD line with its
 * consignments; `CONT` ends a message that is continued, `LAST` the last one.
 *
 * A message never exceeds `maxMessageChars` (default {@link MAX_MESSAGE_CHARS}, the Cargo-IMP
 * limit). Splitting happens only between consignments (a consignment and its special-handling line
 * stay together); a continued message repeats the flight line (next sequence number), the point of
 * unloading line and, inside a ULD, the ULD line. Lines end with CRLF.
 *
 * Returns one text per message, in sequence order. Throws {@link CargoImpWriteError} naming the
 * input field for data no FFM element can carry.
 */
export function writeFfm(manifest: FfmManifest, options: { maxMessageChars?: number } = {}): string[] {
  const max = options.maxMessageChars ?? MAX_MESSAGE_CHARS;
  const tail = flightLineTail(manifest.flight);
  const { entries, pouLines, uldLines } = entriesOf(manifest);
  const messages: string[][] = [];
  let current: string[] = [];
  let atPou = -1;
  let atUld: number | null = null;
  const open = () => {
    current = [FFM_HEADER, `${messages.length + 1}/${tail}`];
    atPou = -1;
    atUld = null;
  };
  const contextLines = (e: Entry): string[] => {
    const lines: string[] = [];
    const newPou = e.pou !== atPou;
    if (newPou && !e.pouLineIncluded) lines.push(pouLines[e.pou] as string);
    if (e.uld !== null && (newPou || e.uld !== atUld)) lines.push(uldLines[e.pou]?.[e.uld] as string);
    return lines;
  };
  open();
  let hasContent = false;
  for (const e of entries) {
    let adding = [...contextLines(e), ...e.lines];
    if (hasContent && messageLengthOf([...current, ...adding, 'CONT']) > max) {
      messages.push([...current, 'CONT']);
      open();
      adding = [...contextLines(e), ...e.lines];
    }
    if (messageLengthOf([...current, ...adding, 'LAST']) > max) {
      throw new CargoImpWriteError(FFM, `pointsOfUnloading.${e.pou}`, `a consignment does not fit in a message of ${max} characters`);
    }
    current.push(...adding);
    hasContent = true;
    atPou = e.pou;
    atUld = e.uld;
  }
  messages.push([...current, 'LAST']);
  if (messages.length > 99) throw new CargoImpWriteError(FFM, 'pointsOfUnloading', `needs ${messages.length} messages; the message sequence number has 2 digits`);
  return messages.map(messageTextOf);
}
