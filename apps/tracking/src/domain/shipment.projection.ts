import type { AircraftKind, ServiceLevel } from '@cargo/contracts';
import { message, type Message } from './operator-messages.catalog';
import { initialProjectionState, reduceShipmentEvent, type ProjectionState, type Stage } from './shipment-event.reducers';
import { compareTrackedEvents, type TrackedEvent } from './tracked-event.model';

/**
 * Status codes shown for a shipment, in the style of IATA Cargo-IMP FSU: RCS received, FOH freight
 * on hand, TGC held by customs/security, CCD cleared, BKD booked on a flight, MAN manifested,
 * DEP departed, ARR arrived (the flight, at the destination), RCF received from the flight, NFD
 * consignee notified, DLV delivered; and CXL, not an FSU code: cancelled at the station (final).
 */
export const STATUS_CODES = ['RCS', 'FOH', 'TGC', 'CCD', 'BKD', 'MAN', 'DEP', 'ARR', 'RCF', 'NFD', 'DLV', 'CXL'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

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
  /**
   * Booked or actual arrival is later than the service-level promise (1-2-3 fast cargo circle), or
   * nothing can carry the shipment at all (an open EXCEPTION).
   */
  'SERVICE_LEVEL_AT_RISK',
  /**
   * Flight assignment found nothing in the timetable that can carry the shipment (no freighter for
   * cargo-aircraft-only cargo, no cold chain, no route): an open exception until an operator
   * resolves it and a new assignment decision follows.
   */
  'EXCEPTION',
  /** A DIS scan (missing, damaged or surplus pieces). */
  'HANDLING_DISCREPANCY',
  /** RCF with fewer pieces than were received at the station (pieces short on arrival). */
  'PIECES_SHORT',
  /** Left a transfer hub on another flight than the booked onward one, or arrived somewhere off the booked route. */
  'MISROUTED',
  /** The only departure on record is one the hub assumed because the airline stayed silent (no DEP from the airline). */
  'DEPARTURE_ASSUMED',
  /**
   * Manifested or departed, not arrived, and the ETA has passed on the shared clock. Computed when
   * read (`withReadTimeFlags`), never stored: it depends on the time, not only on the events.
   */
  'NOT_ARRIVED_BY_ETA',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

interface DiscrepancyFlag {
  code: FlagCode;
  /** When the fact that raised it happened. */
  raisedAt: string;
  /** The event that raised it. */
  eventId: string;
  /** Explanation in English: `message`'s text. */
  detail: string;
  /** The explanation as a message key with parameters (zh/en catalog: `operator-messages.catalog.ts`); absent on views stored before it existed. */
  message?: Message;
}

/** Display codes of timeline entries: the status codes plus the scans that do not change the status. */
export type TimelineCode = StatusCode | 'LOT' | 'TDP' | 'TAR' | 'RCF' | 'NFD' | 'DIS' | 'WTL' | 'OFL' | 'RFS' | 'EXC' | 'COR';

/** A party named on a waybill (see `WaybillPartyDto` in @cargo/contracts). */
export interface WaybillPartyView {
  name: string;
  street: string;
  city: string;
  stateProvince?: string;
  postalCode?: string;
  country: string;
  phone?: string;
  customsId?: string;
}

/** A house waybill of a consolidation (see `HouseWaybillDto` in @cargo/contracts). */
export interface HouseWaybillView {
  number: string;
  pieces: number;
  grossWeightKg: number;
  description: string;
  hsCode?: string;
  shipper?: WaybillPartyView;
  consignee: WaybillPartyView;
}

interface TimelineEntry {
  eventId: string;
  kind: TrackedEvent['kind'];
  code: TimelineCode;
  happenedAt: string;
  recordedAt: string;
  /** Recorded more than 15 minutes (`LATE_RECORDING_MS` of the reducers) after it happened. */
  recordedLate: boolean;
  /** A decision older (by `decisionVersion`) than one already applied: history only, it changed nothing. */
  superseded?: true;
  place?: string;
  flightNumber?: string;
  /** One line in English: `message`'s text (a superseded decision's adds why). */
  summary: string;
  /** The line as a message key with parameters (zh/en catalog: `operator-messages.catalog.ts`); absent on views stored before it existed. */
  message?: Message;
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

type NextActivityCode =
  | 'CUSTOMS_CLEARANCE'
  | 'CUSTOMS_RELEASE'
  | 'FLIGHT_ASSIGNMENT'
  | 'EXCEPTION_RESOLUTION'
  | 'TRUCK_DEPARTURE'
  | 'TRUCK_ARRIVAL'
  | 'MANIFEST'
  | 'DEPARTURE'
  | 'TRANSFER'
  | 'ARRIVAL'
  | 'DELIVERY';
interface NextActivity {
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
 * order gives an equal view; `status` is `CXL` once `cancelled` is set, else `TGC` exactly while `openHold` is set.
 */
export interface ShipmentView {
  awb: string;
  /** Null until the first status-bearing event (e.g. only a manifest line seen). */
  status: StatusCode | null;
  statusAt: string | null;
  stationCode: string | null;
  shipperName: string | null;
  /** The shipper's and the forwarding agent's party ids: who may see the full view (see `publicViewOf`). */
  shipperId: string | null;
  agentId: string | null;
  /**
   * Consignee of the air waybill and the house waybills of a consolidation, as the intake gave them
   * (personal data: only in the full view, never in {@link publicViewOf}).
   */
  consignee: WaybillPartyView | null;
  houseWaybills: HouseWaybillView[];
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
  /**
   * Expected arrival at destination: the booked final arrival, moved by the airline-reported delay of
   * the departure of the leg that gets there; the actual arrival once known.
   */
  eta: string | null;
  arrivedAt: string | null;
  /** When it was delivered (DLV). */
  deliveredAt: string | null;
  cleared: boolean;
  openHold: { caseId: string; since: string; reasons: string[] } | null;
  waitlistedUntil: string | null;
  /** The open assignment exception (the latest assignment decision was EXCEPTION): why, and since when. */
  exception: { code: string; explanation: string; since: string } | null;
  /** The new promised arrival when flight assignment could not keep the 1-2-3 promise (the latest booking's `revisedPromise`). */
  revisedPromise: string | null;
  /** Cancelled at the station (`CargoCancelled`): when and why; status CXL from then on. */
  cancelled: { at: string; reason: string } | null;
  nextActivity: NextActivity | null;
  flags: DiscrepancyFlag[];
  timeline: TimelineEntry[];
  /** Latest happenedAt on the timeline. */
  lastHappenedAt: string | null;
}

/**
 * Projects a shipment's events (any order, duplicates by event id ignored) into its view.
 *
 * A fold in the style of an event-sourced aggregate: the events are put in timeline order, each is
 * applied by the reducer of its kind ({@link reduceShipmentEvent}), and the view's derived fields
 * (status, ETA, service-level flag, next activity) are calculated once from the final state, as
 * dddsample's `Delivery.derivedFrom` does. Sorting first is what makes the view independent of the
 * delivery order.
 */
export function projectShipment(awb: string, events: readonly TrackedEvent[]): ShipmentView {
  const ordered = distinctInTimelineOrder(awb, events);
  const folded = ordered.reduce(applyEvent, initialProjectionState(awb));
  return deriveView(folded, ordered);
}

/** The AWB's events, each event id once (first copy wins), sorted by {@link compareTrackedEvents}. */
function distinctInTimelineOrder(awb: string, events: readonly TrackedEvent[]): TrackedEvent[] {
  const seen = new Set<string>();
  return [...events].filter((e) => e.awb === awb && !seen.has(e.eventId) && seen.add(e.eventId)).sort(compareTrackedEvents);
}

/** One step of the fold: the event's reducer, then `statusAt` moves to this event if the shown status changed. */
function applyEvent(state: ProjectionState, event: TrackedEvent): ProjectionState {
  const next = reduceShipmentEvent(state, event);
  return calculateStatus(next) === calculateStatus(state) ? next : { ...next, statusAt: event.happenedAt };
}

/** The view from the folded state: drops the fold's own facts and calculates the derived fields. */
function deriveView(state: ProjectionState, ordered: readonly TrackedEvent[]): ShipmentView {
  const {
    stage,
    manifestedFlightId: _manifestedFlightId,
    customsDecisionVersion: _customsDecisionVersion,
    assignmentDecisionVersion: _assignmentDecisionVersion,
    intakeVersion: _intakeVersion,
    truckDeparted,
    truckArrived,
    ...folded
  } = state;
  const status = calculateStatus(state);
  const view: ShipmentView = {
    ...folded,
    status,
    statusAt: calculateStatusAt(status, folded.statusAt),
    lastHappenedAt: calculateLastHappenedAt(ordered),
    eta: calculateEta(folded, ordered),
  };
  return {
    ...view,
    flags: [...view.flags, ...calculateServiceLevelFlags(view, ordered), ...calculateExceptionFlags(view, ordered), ...calculateDepartureAssumedFlags(ordered)],
    nextActivity: calculateNextActivity(view, { stage, truckDeparted, truckArrived, onwardDeparted: hasOnwardDeparture(view, ordered) }),
  };
}

/** CXL once cancelled at the station; else TGC exactly while a hold is open, else the stage reached; null before any status-bearing event. */
function calculateStatus(state: Pick<ProjectionState, 'openHold' | 'stage' | 'cancelled'>): StatusCode | null {
  if (state.cancelled) return 'CXL';
  return state.openHold ? 'TGC' : (state.stage ?? null);
}

/** No status, no status time (a timeline of only non-status events leaves both null). */
function calculateStatusAt(status: StatusCode | null, statusAt: string | null): string | null {
  return status === null ? null : statusAt;
}

/** The last event on the timeline is the latest one (the timeline is sorted). */
function calculateLastHappenedAt(ordered: readonly TrackedEvent[]): string | null {
  return ordered.length > 0 ? ordered[ordered.length - 1].happenedAt : null;
}

/** A departure the airline (or a station, before sources) reported, not one the hub assumed. */
function reportedDepartures(ordered: readonly TrackedEvent[]): Array<Extract<TrackedEvent, { kind: 'HandlingScanned' }>> {
  return ordered.filter((e): e is Extract<TrackedEvent, { kind: 'HandlingScanned' }> => e.kind === 'HandlingScanned' && e.data.code === 'DEP' && e.data.source !== 'ASSUMED');
}

/**
 * The actual arrival once known; else the booked final arrival (the connection's, on a transfer),
 * later by as much as the leg that reaches the destination left late, as its airline reported.
 */
function calculateEta(v: Pick<ShipmentView, 'arrivedAt' | 'booking'>, ordered: readonly TrackedEvent[]): string | null {
  if (v.arrivedAt) return v.arrivedAt;
  const b = v.booking;
  if (!b) return null;
  const last = b.connection ?? b;
  const departure = reportedDepartures(ordered).find((e) => e.data.source === 'AIRLINE' && e.data.flightNumber === last.flightNumber);
  const delay = departure ? Date.parse(departure.happenedAt) - Date.parse(last.departureAt) : 0;
  return delay > 0 ? new Date(Date.parse(last.arrivalAt) + delay).toISOString().replace('.000Z', 'Z') : last.arrivalAt;
}

/**
 * DEPARTURE_ASSUMED while a departure on record was assumed by the hub (the airline stayed silent)
 * and the airline has not reported that departure itself since.
 */
function calculateDepartureAssumedFlags(ordered: readonly TrackedEvent[]): DiscrepancyFlag[] {
  const reported = reportedDepartures(ordered);
  return ordered
    .filter((e): e is Extract<TrackedEvent, { kind: 'HandlingScanned' }> => e.kind === 'HandlingScanned' && e.data.code === 'DEP' && e.data.source === 'ASSUMED')
    .filter((assumed) => !reported.some((r) => r.data.place === assumed.data.place && r.data.flightNumber === assumed.data.flightNumber))
    .map((assumed) => flagOf('DEPARTURE_ASSUMED', assumed.happenedAt, assumed.eventId, message('flagDetail.DEPARTURE_ASSUMED', { flight: assumed.data.flightNumber ?? 'the flight', place: assumed.data.place })));
}

/** A flag raised by a derivation, with its explanation as a message and in English. */
function flagOf(code: FlagCode, raisedAt: string, eventId: string, detail: Message): DiscrepancyFlag {
  return { code, raisedAt, eventId, detail: detail.text, message: detail };
}

/** On a transfer: whether the shipment has left the transfer hub (on any flight). */
function hasOnwardDeparture(v: Pick<ShipmentView, 'booking'>, ordered: readonly TrackedEvent[]): boolean {
  const via = v.booking?.connection?.via;
  return via !== undefined && ordered.some((e) => e.kind === 'HandlingScanned' && e.data.code === 'DEP' && e.data.place === via);
}

/**
 * The view as of `now` on the shared clock: adds NOT_ARRIVED_BY_ETA to a manifested or departed
 * shipment that has not arrived although its ETA has passed. Pure; applied when a view is read, so
 * the stored view stays a function of the events alone.
 */
export function withReadTimeFlags(view: ShipmentView, now: Date): ShipmentView {
  if (!isOverdue(view, now)) return view;
  return {
    ...view,
    flags: [
      ...view.flags,
      flagOf('NOT_ARRIVED_BY_ETA', view.eta as string, '', message('flagDetail.NOT_ARRIVED_BY_ETA', { destination: view.destination ?? 'its destination', eta: view.eta, now: now.toISOString() })),
    ],
  };
}

/** Manifested or departed, no arrival, and the ETA is before `now`. */
export function isOverdue(view: Pick<ShipmentView, 'status' | 'arrivedAt' | 'eta'>, now: Date): boolean {
  return (view.status === 'MAN' || view.status === 'DEP') && view.arrivedAt === null && view.eta !== null && Date.parse(view.eta) < now.getTime();
}

/**
 * SERVICE_LEVEL_AT_RISK when the actual or expected arrival is after the promise. Derived rather than
 * raised by a reducer because it depends on the final booking; blamed on the arrival scan, else on the
 * latest booking decision.
 */
function calculateServiceLevelFlags(v: ShipmentView, ordered: readonly TrackedEvent[]): DiscrepancyFlag[] {
  const latestArrival = v.arrivedAt ?? v.eta;
  if (!v.promisedBy || !latestArrival || !(Date.parse(latestArrival) > Date.parse(v.promisedBy))) return [];
  const cause = v.arrivedAt ? ordered.find((e) => e.happenedAt === v.arrivedAt) : ordered.filter((e) => e.kind === 'FlightAssigned').pop();
  const detail = message(v.arrivedAt ? 'flagDetail.SERVICE_LEVEL_AT_RISK.arrived' : 'flagDetail.SERVICE_LEVEL_AT_RISK.expected', { at: latestArrival, serviceLevel: String(v.serviceLevel), promisedBy: v.promisedBy });
  return [flagOf('SERVICE_LEVEL_AT_RISK', cause?.happenedAt ?? latestArrival, cause?.eventId ?? '', detail)];
}

/**
 * EXCEPTION, and SERVICE_LEVEL_AT_RISK with it, while the latest assignment decision is an open
 * exception: no flight, connection or road feeder can carry the shipment, so no promise holds.
 */
function calculateExceptionFlags(v: ShipmentView, ordered: readonly TrackedEvent[]): DiscrepancyFlag[] {
  if (!v.exception) return [];
  const cause = ordered.filter((e) => e.kind === 'AssignmentFailed' && e.data.outcome === 'EXCEPTION').pop();
  const { code, explanation, since } = v.exception;
  const eventId = cause?.eventId ?? '';
  return [
    flagOf('EXCEPTION', since, eventId, message('flagDetail.EXCEPTION', { code, assignmentReason: code, explanation })),
    flagOf('SERVICE_LEVEL_AT_RISK', since, eventId, message('flagDetail.SERVICE_LEVEL_AT_RISK.exception', { code, assignmentReason: code, serviceLevel: String(v.serviceLevel), promisedBy: String(v.promisedBy) })),
  ];
}

/** The fold's facts the next activity needs beyond the view. */
interface Progress {
  stage: Stage | undefined;
  truckDeparted: boolean;
  truckArrived: boolean;
  /** On a transfer, the shipment left the transfer hub. */
  onwardDeparted: boolean;
}

/** What has to happen next: an open hold comes first, then whatever the stage reached waits for. */
function calculateNextActivity(v: ShipmentView, progress: Progress): NextActivity | null {
  if (v.cancelled) return null;
  if (v.openHold) return { code: 'CUSTOMS_RELEASE', place: v.stationCode ?? undefined };
  switch (progress.stage) {
    case undefined:
      return null;
    case 'RCS':
    case 'FOH':
      return v.cleared ? calculateAssignmentActivity(v) : { code: 'CUSTOMS_CLEARANCE', place: v.stationCode ?? undefined };
    case 'CCD':
      return calculateAssignmentActivity(v);
    case 'BKD':
    case 'MAN':
      return calculateBookedActivity(v, { ...progress, stage: progress.stage });
    case 'DEP': {
      const c = v.booking?.connection;
      if (c && !progress.onwardDeparted) return { code: 'TRANSFER', dueBy: c.departureAt, place: c.via, flightNumber: c.flightNumber };
      return { code: 'ARRIVAL', dueBy: v.eta ?? undefined, place: v.destination ?? undefined };
    }
    case 'ARR':
    case 'RCF':
    case 'NFD':
      return { code: 'DELIVERY', place: v.destination ?? undefined };
    case 'DLV':
      return null;
  }
}

/** A cleared shipment without a booking waits for flight assignment, due by its wait-list retry if any. */
function calculateAssignmentActivity(v: ShipmentView): NextActivity {
  if (v.exception) return { code: 'EXCEPTION_RESOLUTION', place: v.stationCode ?? undefined };
  return { code: 'FLIGHT_ASSIGNMENT', dueBy: v.waitlistedUntil ?? undefined };
}

/** Booked or manifested: the truck leg to the airport first, then the manifest, then the departure. */
function calculateBookedActivity(v: ShipmentView, progress: Progress & { stage: 'BKD' | 'MAN' }): NextActivity {
  const b = v.booking;
  if (!b) return { code: 'FLIGHT_ASSIGNMENT' };
  if (!progress.truckDeparted && !progress.truckArrived) return { code: 'TRUCK_DEPARTURE', dueBy: b.truckDepartBy, place: v.stationCode ?? undefined, flightNumber: b.flightNumber };
  if (!progress.truckArrived) return { code: 'TRUCK_ARRIVAL', dueBy: b.cutoffAt, place: b.origin, flightNumber: b.flightNumber };
  if (progress.stage === 'BKD') return { code: 'MANIFEST', dueBy: b.cutoffAt, place: b.origin, flightNumber: b.flightNumber };
  return { code: 'DEPARTURE', dueBy: b.departureAt, place: b.origin, flightNumber: b.flightNumber };
}

/**
 * What anyone holding the exact AWB may see, as airline tracking pages show it: where the shipment
 * is and when, but no names, party ids, pieces, weights, hold reasons or flags.
 */
export interface PublicShipmentView {
  awb: string;
  status: StatusCode | null;
  statusAt: string | null;
  stationCode: string | null;
  destination: string | null;
  serviceLevel: ServiceLevel | null;
  promisedBy: string | null;
  booking: { flightNumber: string; origin: string; destination: string; departureAt: string } | null;
  eta: string | null;
  arrivedAt: string | null;
  deliveredAt: string | null;
  onHold: boolean;
  timeline: Array<Pick<TimelineEntry, 'eventId' | 'code' | 'happenedAt' | 'place' | 'flightNumber'>>;
  /** Always true: the caller may see only this. */
  restricted: true;
}

export function publicViewOf(view: ShipmentView): PublicShipmentView {
  return {
    awb: view.awb,
    status: view.status,
    statusAt: view.statusAt,
    stationCode: view.stationCode,
    destination: view.destination,
    serviceLevel: view.serviceLevel,
    promisedBy: view.promisedBy,
    booking: view.booking ? { flightNumber: view.booking.flightNumber, origin: view.booking.origin, destination: view.booking.destination, departureAt: view.booking.departureAt } : null,
    eta: view.eta,
    arrivedAt: view.arrivedAt,
    deliveredAt: view.deliveredAt,
    onHold: view.openHold !== null,
    timeline: view.timeline.map((e) => ({ eventId: e.eventId, code: e.code, happenedAt: e.happenedAt, place: e.place, flightNumber: e.flightNumber })),
    restricted: true,
  };
}
