import { HOME_HUBS, type FieldError, type HandlingCode } from '@cargo/contracts';
import { HOUR_MS, isoOf, type Flight } from './flight.model';

/** Codes an airline reports for a whole flight (its manifest fans them out to the shipments on board). */
export const FLIGHT_REPORT_CODES = ['DEP', 'ARR'] as const satisfies readonly HandlingCode[];
export type FlightReportCode = (typeof FLIGHT_REPORT_CODES)[number];

/**
 * Codes an airline reports for one shipment: received from the flight (RCF, with the pieces that came
 * off it), consignee notified (NFD), delivered (DLV); and, for a transfer, the shipment's own
 * departure from (DEP) or arrival at (ARR) a place on a named flight, e.g. when it left the transfer
 * hub on another flight than booked.
 */
export const SHIPMENT_REPORT_CODES = ['RCF', 'NFD', 'DLV', 'DEP', 'ARR'] as const satisfies readonly HandlingCode[];
export type ShipmentReportCode = (typeof SHIPMENT_REPORT_CODES)[number];

/** `AIRLINE`: the operating airline said so; `ASSUMED`: the hub assumed a departure the airline did not report in time. */
export type ReportSource = 'AIRLINE' | 'ASSUMED';

/** Departures and arrivals further than this from the timetable are refused as typing errors. */
const MAX_OFF_SCHEDULE_MS = 48 * HOUR_MS;

/**
 * One status report as filed: the audit entry (who said what, when) and the idempotence key.
 *
 * Invariants: exactly one of `flightId` (a flight-level report) and `awb` (a shipment-level one) is
 * set; `key` is {@link flightReportKey} or {@link shipmentReportKey} of it, so a flight has at most
 * one airline DEP, one assumed DEP and one ARR, and a shipment one report per code and place;
 * `happenedAt` ≤ `recordedAt` + the accepted clock skew; `actor` is the verified token subject (the
 * service's own name for an assumed departure).
 */
export interface AirlineStatusReport {
  key: string;
  flightId?: string;
  awb?: string;
  code: HandlingCode;
  place: string;
  flightNumber?: string;
  pieces?: number;
  remarks?: string;
  happenedAt: number;
  recordedAt: number;
  source: ReportSource;
  actor: string;
}

/** What the airline (or the silence rule) said about a flight's actual times. */
export interface FlightMovement {
  departedAt?: number;
  departureSource?: ReportSource;
  arrivedAt?: number;
}

export function flightReportKey(flightId: string, code: FlightReportCode, source: ReportSource = 'AIRLINE'): string {
  return `F:${flightId}:${code}${source === 'ASSUMED' ? ':ASSUMED' : ''}`;
}

export function shipmentReportKey(awb: string, code: ShipmentReportCode, place: string): string {
  return `S:${awb}:${code}:${place}`;
}

/** A re-post of the same report (same facts; the recording time does not count): answered again, not filed twice. */
export function isSameReport(a: AirlineStatusReport, b: AirlineStatusReport): boolean {
  return a.key === b.key && a.happenedAt === b.happenedAt && a.place === b.place && a.flightNumber === b.flightNumber && a.pieces === b.pieces && a.remarks === b.remarks;
}

/** Why a report is refused: bad input (400, with the field) or a conflict with what is recorded (409). */
export type ReportProblem = { kind: 'invalid'; error: FieldError } | { kind: 'conflict'; message: string };

const invalid = (field: string, message: string): ReportProblem => ({ kind: 'invalid', error: { field, message } });
const conflict = (message: string): ReportProblem => ({ kind: 'conflict', message });

/** A report time must not be ahead of the shared clock by more than the accepted skew. */
function checkNotInFuture(happenedAt: number, now: number, skewMs: number): ReportProblem | undefined {
  return happenedAt > now + skewMs ? invalid('happenedAt', `happenedAt (${isoOf(happenedAt)}) is in the future (now ${isoOf(now)}, tolerance ${skewMs / 1000} s)`) : undefined;
}

/**
 * The rules of a flight-level report, order-independent where the world is: a DEP after the
 * manifest closed (never before the cut-off, never for a cancelled flight); an ARR only once the
 * flight has departed (reported or assumed) and after that departure. Neither further than 48 h
 * from the timetable, nor ahead of the clock beyond the skew.
 */
export function checkFlightReport(flight: Flight, movement: FlightMovement, code: FlightReportCode, happenedAt: number, now: number, skewMs: number): ReportProblem | undefined {
  const early = checkNotInFuture(happenedAt, now, skewMs);
  if (early) return early;
  if (flight.status === 'CANCELLED') return conflict(`flight ${flight.flightId} is cancelled: it neither departs nor arrives`);
  if (flight.status === 'SCHEDULED') return conflict(`the manifest of ${flight.flightId} has not closed yet (cut-off ${isoOf(flight.cutoffAt)}): it cannot have ${code === 'DEP' ? 'departed' : 'arrived'}`);
  if (code === 'DEP') {
    if (happenedAt < flight.cutoffAt) return invalid('happenedAt', `a departure at ${isoOf(happenedAt)} is before the cut-off ${isoOf(flight.cutoffAt)}`);
    if (happenedAt > flight.departureAt + MAX_OFF_SCHEDULE_MS) return invalid('happenedAt', `a departure at ${isoOf(happenedAt)} is more than 48 h after the scheduled ${isoOf(flight.departureAt)}`);
    return undefined;
  }
  if (flight.status !== 'DEPARTED') return conflict(`flight ${flight.flightId} has no departure on record: report DEP first`);
  const departedAt = movement.departedAt ?? flight.departureAt;
  if (happenedAt <= departedAt) return invalid('happenedAt', `an arrival at ${isoOf(happenedAt)} is not after the departure at ${isoOf(departedAt)}`);
  if (happenedAt > flight.arrivalAt + MAX_OFF_SCHEDULE_MS) return invalid('happenedAt', `an arrival at ${isoOf(happenedAt)} is more than 48 h after the scheduled ${isoOf(flight.arrivalAt)}`);
  return undefined;
}

/** What a shipment-level report is checked against: the shipment's departure from Wuhan. */
export interface ShipmentReportContext {
  /** The shipment's first leg left Wuhan (reported by the airline or assumed). */
  departed: boolean;
  /** When it left (the first leg's reported, else scheduled, departure). */
  departedAt: number;
}

/**
 * The rules of a shipment-level report: the shipment has left Wuhan, and this happened after that;
 * pieces are at least 1 except on RCF (0: nothing came off the flight); a DEP names a place outside
 * Wuhan (departures from WUH/EHU are reported per flight, whose manifest says who is on board).
 */
export function checkShipmentReport(
  context: ShipmentReportContext,
  report: { code: ShipmentReportCode; place: string; pieces?: number; happenedAt: number },
  now: number,
  skewMs: number,
): ReportProblem | undefined {
  const early = checkNotInFuture(report.happenedAt, now, skewMs);
  if (early) return early;
  if (report.pieces !== undefined && report.pieces < 1 && report.code !== 'RCF') return invalid('pieces', 'pieces must be at least 1 (0 only on RCF: nothing received from the flight)');
  if (report.code === 'DEP' && (HOME_HUBS as readonly string[]).includes(report.place)) {
    return invalid('place', `departures from ${report.place} are reported per flight (POST /v1/flights/{flightId}/status)`);
  }
  if (!context.departed) return conflict('the shipment has not left Wuhan yet: its flight has no departure on record');
  if (report.happenedAt <= context.departedAt) return invalid('happenedAt', `${report.code} at ${isoOf(report.happenedAt)} is not after the shipment left Wuhan (${isoOf(context.departedAt)})`);
  return undefined;
}
