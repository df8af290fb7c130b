import { serviceLevelDeadline, type AircraftKind, type ServiceLevel } from '@cargo/contracts';
import { compareTrackedEvents, type TrackedEvent } from './tracked-event';

/**
 * Status codes shown for a shipment, in the style of IATA Cargo-IMP FSU: RCS received, FOH freight
 * on hand, TGC held by customs/security, CCD cleared, BKD booked on a flight, MAN manifested,
 * DEP departed, ARR arrived, DLV delivered.
 */
export const STATUS_CODES = ['RCS', 'FOH', 'TGC', 'CCD', 'BKD', 'MAN', 'DEP', 'ARR', 'DLV'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** Progress stages (every status but TGC, which overlays a stage while a hold is open), in flow order. */
const STAGES = ['RCS', 'FOH', 'CCD', 'BKD', 'MAN', 'DEP', 'ARR', 'DLV'] as const;
type Stage = (typeof STAGES)[number];
const rank = (s: Stage | undefined): number => (s === undefined ? -1 : STAGES.indexOf(s));

/** Discrepancies tracking raises, in the spirit of the DDD Cargo Tracker's misdirection check. */
export const FLAG_CODES = [
  /** Scanned at a Wuhan hub other than the booked flight's origin (e.g. at EHU while booked from WUH). */
  'WRONG_AIRPORT',
  /** Departed on another flight than the booked one. */
  'WRONG_FLIGHT',
  /** A customs or security hold placed after the shipment was manifested. */
  'HELD_AFTER_MANIFEST',
  /** Departed while a hold was open. */
  'DEPARTED_WHILE_HELD',
  /** The truck left the station after `truckDepartBy`, or reached the airport after the cut-off. */
  'TRUCK_LATE_FOR_CUTOFF',
  /** Booked or actual arrival is later than the service-level promise (1-2-3 fast cargo circle). */
  'SERVICE_LEVEL_AT_RISK',
  /** A DIS scan (missing, damaged or surplus pieces). */
  'HANDLING_DISCREPANCY',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface DiscrepancyFlag {
  code: FlagCode;
  /** When the fact that raised it happened. */
  raisedAt: string;
  /** The event that raised it. */
  eventId: string;
  /** Explanation in English (the dashboard translates by `code`). */
  detail: string;
}

/** Display codes of timeline entries: the status codes plus the scans that do not change the status. */
export type TimelineCode = StatusCode | 'LOT' | 'TDP' | 'TAR' | 'RCF' | 'NFD' | 'DIS' | 'WTL' | 'OFL' | 'RFS';

export interface TimelineEntry {
  eventId: string;
  kind: TrackedEvent['kind'];
  code: TimelineCode;
  happenedAt: string;
  recordedAt: string;
  /** Recorded more than {@link LATE_RECORDING_MS} after it happened. */
  recordedLate: boolean;
  place?: string;
  flightNumber?: string;
  /** One line in English. */
  summary: string;
}

export interface Booking {
  outcome: 'ASSIGNED' | 'REASSIGNED' | 'ROAD_FEEDER';
  flightId: string;
  flightNumber: string;
  origin: string;
  destination: string;
  departureAt: string;
  cutoffAt: string;
  arrivalAt: string;
  truckDepartBy: string;
  aircraftKind: AircraftKind;
  chargeableWeightKg: number;
  connection?: { flightId: string; flightNumber: string; via: string; departureAt: string; arrivalAt: string };
}

export const NEXT_ACTIVITY_CODES = [
  'CUSTOMS_CLEARANCE',
  'CUSTOMS_RELEASE',
  'FLIGHT_ASSIGNMENT',
  'TRUCK_DEPARTURE',
  'TRUCK_ARRIVAL',
  'MANIFEST',
  'DEPARTURE',
  'ARRIVAL',
  'DELIVERY',
] as const;
export type NextActivityCode = (typeof NEXT_ACTIVITY_CODES)[number];
export interface NextActivity {
  code: NextActivityCode;
  /** When it is due, if known. */
  dueBy?: string;
  place?: string;
  flightNumber?: string;
}

/**
 * The read model of one shipment: a pure function of the set of its events ({@link projectShipment}).
 *
 * Invariants: `timeline` is ordered by {@link compareTrackedEvents}; replaying the same events in any
 * order gives an equal view; `status` is `TGC` exactly while `openHold` is set.
 */
export interface ShipmentView {
  awb: string;
  /** Null until the first status-bearing event (e.g. only a manifest line seen). */
  status: StatusCode | null;
  statusAt: string | null;
  stationCode: string | null;
  shipperName: string | null;
  destination: string | null;
  serviceLevel: ServiceLevel | null;
  pieces: number | null;
  chargeableWeightKg: number | null;
  receivedAt: string | null;
  /** receivedAt + the service level's days. */
  promisedBy: string | null;
  booking: Booking | null;
  /** Wuhan airport the shipment leaves from: the booking's origin, else where it departed. */
  airport: string | null;
  departedFlightNumber: string | null;
  /** Expected arrival at destination (booking), or the actual arrival when known. */
  eta: string | null;
  arrivedAt: string | null;
  cleared: boolean;
  openHold: { caseId: string; since: string; reasons: string[] } | null;
  waitlistedUntil: string | null;
  nextActivity: NextActivity | null;
  flags: DiscrepancyFlag[];
  timeline: TimelineEntry[];
  /** Latest happenedAt on the timeline. */
  lastHappenedAt: string | null;
}

/** Recording delays above this mark an entry as recorded late. */
export const LATE_RECORDING_MS = 15 * 60 * 1000;

/** Projects a shipment's events (any order, duplicates by event id ignored) into its view. */
export function projectShipment(awb: string, events: readonly TrackedEvent[]): ShipmentView {
  const seen = new Set<string>();
  const ordered = [...events]
    .filter((e) => e.awb === awb && !seen.has(e.eventId) && seen.add(e.eventId))
    .sort(compareTrackedEvents);

  const v: ShipmentView = {
    awb,
    status: null,
    statusAt: null,
    stationCode: null,
    shipperName: null,
    destination: null,
    serviceLevel: null,
    pieces: null,
    chargeableWeightKg: null,
    receivedAt: null,
    promisedBy: null,
    booking: null,
    airport: null,
    departedFlightNumber: null,
    eta: null,
    arrivedAt: null,
    cleared: false,
    openHold: null,
    waitlistedUntil: null,
    nextActivity: null,
    flags: [],
    timeline: [],
    lastHappenedAt: null,
  };
  let stage: Stage | undefined;
  let manifestedFlightId: string | null = null;
  let truckDeparted = false;
  let truckArrived = false;
  const advance = (to: Stage) => {
    if (rank(to) > rank(stage)) stage = to;
  };
  const flag = (e: TrackedEvent, code: FlagCode, detail: string) => {
    if (!v.flags.some((f) => f.code === code && f.eventId === e.eventId)) v.flags.push({ code, raisedAt: e.happenedAt, eventId: e.eventId, detail });
  };

  for (const e of ordered) {
    const statusBefore = v.openHold ? 'TGC' : stage;
    let code: TimelineCode;
    let summary: string;
    let place: string | undefined;
    let flightNumber: string | undefined;
    switch (e.kind) {
      case 'CargoReceived': {
        const d = e.data;
        v.stationCode = d.stationCode;
        v.shipperName = d.shipper.name;
        v.destination = d.destinationAirport;
        v.serviceLevel = d.serviceLevel;
        v.pieces = d.pieces;
        v.receivedAt = d.receivedAt;
        v.promisedBy = serviceLevelDeadline(d.receivedAt, d.serviceLevel).toISOString();
        advance('RCS');
        code = 'RCS';
        place = d.stationCode;
        summary = `Received at ${d.stationCode}: ${d.pieces} pcs, ${d.grossWeightKg} kg for ${d.destinationAirport} (${d.serviceLevel})`;
        break;
      }
      case 'HandlingScanned': {
        const d = e.data;
        place = d.place;
        flightNumber = d.flightNumber;
        code = d.code;
        summary = `${d.code} at ${d.place}${d.flightNumber ? ` on ${d.flightNumber}` : ''}${d.remarks ? `: ${d.remarks}` : ''}`;
        if (v.stationCode === null && d.stationCode) v.stationCode = d.stationCode;
        const booking = v.booking;
        if (booking && ['TAR', 'DEP', 'FOH'].includes(d.code) && (d.place === 'WUH' || d.place === 'EHU') && d.place !== booking.origin) {
          flag(e, 'WRONG_AIRPORT', `${d.code} scan at ${d.place} while booked on ${booking.flightNumber} from ${booking.origin}`);
        }
        switch (d.code) {
          case 'RCS':
            advance('RCS');
            break;
          case 'FOH':
            advance('FOH');
            break;
          case 'TDP':
            truckDeparted = true;
            if (booking && Date.parse(d.happenedAt) > Date.parse(booking.truckDepartBy)) {
              flag(e, 'TRUCK_LATE_FOR_CUTOFF', `Truck left ${d.place} at ${d.happenedAt}, after ${booking.truckDepartBy} required for the ${booking.flightNumber} cut-off`);
            }
            break;
          case 'TAR':
            truckArrived = true;
            if (booking && Date.parse(d.happenedAt) > Date.parse(booking.cutoffAt)) {
              flag(e, 'TRUCK_LATE_FOR_CUTOFF', `Truck reached ${d.place} at ${d.happenedAt}, after the ${booking.flightNumber} cut-off ${booking.cutoffAt}`);
            }
            break;
          case 'DEP': {
            if (booking && d.flightNumber && d.flightNumber !== booking.flightNumber && d.flightNumber !== booking.connection?.flightNumber) {
              flag(e, 'WRONG_FLIGHT', `Departed on ${d.flightNumber} while booked on ${booking.flightNumber}`);
            }
            if (v.openHold) flag(e, 'DEPARTED_WHILE_HELD', `Departed ${d.place} while customs case ${v.openHold.caseId} was open`);
            if (d.place === 'WUH' || d.place === 'EHU') {
              v.departedFlightNumber = d.flightNumber ?? v.departedFlightNumber;
              v.airport = v.airport ?? d.place;
            }
            stage = rank(stage) > rank('DEP') ? stage : 'DEP';
            break;
          }
          case 'ARR':
          case 'RCF':
          case 'NFD':
            if (v.destination === null || d.place === v.destination) {
              v.arrivedAt = v.arrivedAt ?? d.happenedAt;
              advance('ARR');
            }
            break;
          case 'DLV':
            v.arrivedAt = v.arrivedAt ?? d.happenedAt;
            advance('DLV');
            break;
          case 'DIS':
            flag(e, 'HANDLING_DISCREPANCY', `Discrepancy at ${d.place}${d.remarks ? `: ${d.remarks}` : ''}`);
            break;
          case 'LOT':
            break;
        }
        break;
      }
      case 'CustomsHoldPlaced': {
        const d = e.data;
        if (stage === 'MAN') flag(e, 'HELD_AFTER_MANIFEST', `Hold ${d.caseId} placed after the manifest of ${v.booking?.flightNumber ?? manifestedFlightId ?? 'the flight'} closed`);
        v.openHold = { caseId: d.caseId, since: v.openHold?.since ?? d.placedAt, reasons: d.reasons.map((r) => r.code) };
        code = 'TGC';
        place = d.stationCode;
        summary = `Held (${d.reasons.map((r) => r.code).join(', ')}): ${d.reasons[0]?.explanation ?? ''}`;
        if (v.stationCode === null) v.stationCode = d.stationCode;
        break;
      }
      case 'CustomsReleased': {
        const d = e.data;
        v.openHold = null;
        v.cleared = true;
        advance('CCD');
        code = 'CCD';
        place = d.stationCode;
        summary = `Released (${d.kind}${d.priority === 'FAST_LANE' ? ', fast lane' : ''}): ${d.reasons.map((r) => r.code).join(', ')}`;
        if (v.stationCode === null) v.stationCode = d.stationCode;
        break;
      }
      case 'FlightAssigned': {
        const d = e.data;
        v.booking = {
          outcome: d.outcome,
          flightId: d.flightId,
          flightNumber: d.flightNumber,
          origin: d.origin,
          destination: d.destination,
          departureAt: d.departureAt,
          cutoffAt: d.cutoffAt,
          arrivalAt: d.arrivalAt,
          truckDepartBy: d.truckDepartBy,
          aircraftKind: d.aircraftKind,
          chargeableWeightKg: d.chargeableWeightKg,
          ...(d.connection
            ? {
                connection: {
                  flightId: d.connection.flightId,
                  flightNumber: d.connection.flightNumber,
                  via: d.connection.via,
                  departureAt: d.connection.departureAt,
                  arrivalAt: d.connection.arrivalAt,
                },
              }
            : {}),
        };
        v.chargeableWeightKg = d.chargeableWeightKg;
        v.airport = d.origin;
        v.destination = v.destination ?? d.destination;
        v.waitlistedUntil = null;
        if (rank(stage) < rank('DEP')) {
          stage = 'BKD';
          manifestedFlightId = null;
        }
        if (v.stationCode === null) v.stationCode = d.stationCode;
        code = d.outcome === 'ROAD_FEEDER' ? 'RFS' : 'BKD';
        place = d.origin;
        flightNumber = d.flightNumber;
        summary = `${d.outcome === 'REASSIGNED' ? `Re-booked from ${d.previousFlightId ?? '?'} to` : d.outcome === 'ROAD_FEEDER' ? 'Road feeder' : 'Booked on'} ${d.flightNumber} ${d.origin}→${d.connection ? `${d.connection.via}→` : ''}${d.destination}, departs ${d.departureAt}`;
        break;
      }
      case 'AssignmentFailed': {
        const d = e.data;
        if (d.outcome === 'OFFLOADED') {
          if (v.booking && v.booking.flightId === d.previousFlightId) v.booking = null;
          if (rank(stage) < rank('DEP') && rank(stage) >= rank('BKD')) stage = v.cleared ? 'CCD' : 'FOH';
          manifestedFlightId = null;
          code = 'OFL';
          summary = `Offloaded from ${d.previousFlightId ?? '?'}: ${d.reason.code}`;
        } else {
          v.waitlistedUntil = d.retryUntil ?? null;
          code = 'WTL';
          summary = `Wait-listed: ${d.reason.code}`;
        }
        v.chargeableWeightKg = v.chargeableWeightKg ?? d.chargeableWeightKg;
        if (v.stationCode === null) v.stationCode = d.stationCode;
        break;
      }
      case 'ManifestClosed': {
        const d = e.data;
        manifestedFlightId = d.flightId;
        if (rank(stage) < rank('DEP')) stage = 'MAN';
        v.airport = v.airport ?? d.origin;
        code = 'MAN';
        place = d.origin;
        flightNumber = d.flightNumber;
        summary = `Manifested on ${d.flightNumber} ${d.origin}→${d.destination}, departs ${d.departureAt}`;
        break;
      }
    }
    v.timeline.push({
      eventId: e.eventId,
      kind: e.kind,
      code,
      happenedAt: e.happenedAt,
      recordedAt: e.recordedAt,
      recordedLate: Date.parse(e.recordedAt) - Date.parse(e.happenedAt) > LATE_RECORDING_MS,
      ...(place ? { place } : {}),
      ...(flightNumber ? { flightNumber } : {}),
      summary,
    });
    const statusAfter = v.openHold ? 'TGC' : stage;
    if (statusAfter !== statusBefore) v.statusAt = e.happenedAt;
  }

  v.status = v.openHold ? 'TGC' : (stage ?? null);
  if (v.status === null) v.statusAt = null;
  v.lastHappenedAt = ordered.length > 0 ? ordered[ordered.length - 1].happenedAt : null;
  v.eta = v.arrivedAt ?? (v.booking ? (v.booking.connection?.arrivalAt ?? v.booking.arrivalAt) : null);
  const latestArrival = v.arrivedAt ?? v.eta;
  if (v.promisedBy && latestArrival && Date.parse(latestArrival) > Date.parse(v.promisedBy)) {
    const cause = v.arrivedAt ? ordered.find((e) => e.happenedAt === v.arrivedAt) : ordered.filter((e) => e.kind === 'FlightAssigned').pop();
    v.flags.push({
      code: 'SERVICE_LEVEL_AT_RISK',
      raisedAt: cause?.happenedAt ?? latestArrival,
      eventId: cause?.eventId ?? '',
      detail: `${v.arrivedAt ? 'Arrived' : 'Expected'} ${latestArrival}, after the ${v.serviceLevel} promise ${v.promisedBy}`,
    });
  }
  v.nextActivity = nextActivityOf(v, stage, truckDeparted, truckArrived);
  return v;
}

function nextActivityOf(v: ShipmentView, stage: Stage | undefined, truckDeparted: boolean, truckArrived: boolean): NextActivity | null {
  if (v.openHold) return { code: 'CUSTOMS_RELEASE', place: v.stationCode ?? undefined };
  const b = v.booking;
  switch (stage) {
    case undefined:
      return null;
    case 'RCS':
    case 'FOH':
      return v.cleared ? { code: 'FLIGHT_ASSIGNMENT', dueBy: v.waitlistedUntil ?? undefined } : { code: 'CUSTOMS_CLEARANCE', place: v.stationCode ?? undefined };
    case 'CCD':
      return { code: 'FLIGHT_ASSIGNMENT', dueBy: v.waitlistedUntil ?? undefined };
    case 'BKD':
    case 'MAN':
      if (!b) return { code: 'FLIGHT_ASSIGNMENT' };
      if (!truckDeparted && !truckArrived) return { code: 'TRUCK_DEPARTURE', dueBy: b.truckDepartBy, place: v.stationCode ?? undefined, flightNumber: b.flightNumber };
      if (!truckArrived) return { code: 'TRUCK_ARRIVAL', dueBy: b.cutoffAt, place: b.origin, flightNumber: b.flightNumber };
      if (stage === 'BKD') return { code: 'MANIFEST', dueBy: b.cutoffAt, place: b.origin, flightNumber: b.flightNumber };
      return { code: 'DEPARTURE', dueBy: b.departureAt, place: b.origin, flightNumber: b.flightNumber };
    case 'DEP':
      return { code: 'ARRIVAL', dueBy: v.eta ?? undefined, place: v.destination ?? undefined };
    case 'ARR':
      return { code: 'DELIVERY', place: v.destination ?? undefined };
    case 'DLV':
      return null;
  }
}
