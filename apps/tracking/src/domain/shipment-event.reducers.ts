import { decisionVersionOf, isNewerDecision, serviceLevelDeadline, type HandlingCode } from '@cargo/contracts';
import { message, type Message } from './operator-messages.catalog';
import type { TrackedEvent, TrackedEventKind } from './tracked-event.model';
import type { Booking, FlagCode, ShipmentView, TimelineCode } from './shipment.projection';

/** Progress stages (every status but TGC, which overlays a stage while a hold is open), in flow order. */
const STAGES = ['RCS', 'FOH', 'CCD', 'BKD', 'MAN', 'DEP', 'ARR', 'RCF', 'NFD', 'DLV'] as const;
export type Stage = (typeof STAGES)[number];
/** Position in {@link STAGES}; -1 before the first stage, so any stage outranks "none yet". */
const rank = (s: Stage | undefined): number => (s === undefined ? -1 : STAGES.indexOf(s));

/** Recording delays above this mark an entry as recorded late. */
const LATE_RECORDING_MS = 15 * 60 * 1000;

/**
 * What the fold of `projectShipment` carries from one event to the next: the view built so far
 * plus the facts the derivations need that the view does not show.
 *
 * Invariants: reducers never set `status`, `eta`, `nextActivity` or `lastHappenedAt` (they stay at
 * their initial null and are derived once, after the fold); `flags` holds at most one flag per
 * (code, event id); `timeline` gets exactly one entry per event, in fold order.
 */
export interface ProjectionState extends ShipmentView {
  /** Furthest stage reached; only an offload or a re-booking before departure moves it back. */
  stage: Stage | undefined;
  /** Flight of the last manifest seen since the last booking change (names the flight in HELD_AFTER_MANIFEST). */
  manifestedFlightId: string | null;
  /** `decisionVersion` of the customs decision (hold or release) the state reflects; null before the first. */
  customsDecisionVersion: number | null;
  /** `decisionVersion` of the assignment decision the state reflects; null before the first. */
  assignmentDecisionVersion: number | null;
  /** Intake version the state reflects: 1 for the intake as received, then its corrections' (`CargoCorrected.intakeVersion`). */
  intakeVersion: number;
  truckDeparted: boolean;
  truckArrived: boolean;
}

/** The state before any event: every view field empty, no stage. Key order is the view's (it shows in JSON). */
export function initialProjectionState(awb: string): ProjectionState {
  return {
    awb,
    status: null,
    statusAt: null,
    stationCode: null,
    shipperName: null,
    shipperId: null,
    agentId: null,
    consignee: null,
    houseWaybills: [],
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
    deliveredAt: null,
    cleared: false,
    openHold: null,
    waitlistedUntil: null,
    exception: null,
    revisedPromise: null,
    cancelled: null,
    nextActivity: null,
    flags: [],
    timeline: [],
    lastHappenedAt: null,
    stage: undefined,
    manifestedFlightId: null,
    customsDecisionVersion: null,
    assignmentDecisionVersion: null,
    intakeVersion: 1,
    truckDeparted: false,
    truckArrived: false,
  };
}

/** A tracked event of one kind. */
type EventOf<K extends TrackedEventKind> = Extract<TrackedEvent, { kind: K }>;
/** Takes the state so far and one event of kind `K`, returns the next state (never changes its input). */
type Reducer<K extends TrackedEventKind> = (state: ProjectionState, event: EventOf<K>) => ProjectionState;
/** A reducer of one handling scan code (the HandlingScanned reducer dispatches on `data.code`). */
type ScanReducer = Reducer<'HandlingScanned'>;

/** What a reducer says about its event's timeline entry; the rest of the entry comes from the event. */
interface EntryFacts {
  code: TimelineCode;
  /** Its summary: a message key with parameters (the entry's `summary` is its English text). */
  message: Message;
  place?: string;
  flightNumber?: string;
}

// ---- Small state transitions shared by the reducers -------------------------------------------

/** Moves the stage forward to `to`; never back (late scans of an earlier stage do not regress it). */
function advance(s: ProjectionState, to: Stage): ProjectionState {
  return rank(to) > rank(s.stage) ? { ...s, stage: to } : s;
}

/** Raises a flag once per (code, event): replaying an event does not duplicate its flags. */
function raiseFlag(s: ProjectionState, e: TrackedEvent, code: FlagCode, detail: Message): ProjectionState {
  if (s.flags.some((f) => f.code === code && f.eventId === e.eventId)) return s;
  return { ...s, flags: [...s.flags, { code, raisedAt: e.happenedAt, eventId: e.eventId, detail: detail.text, message: detail }] };
}

/** The first station that reported the shipment stays its station; later ones only fill a gap. */
function withStationCode(s: ProjectionState, stationCode: string): ProjectionState {
  return s.stationCode === null ? { ...s, stationCode } : s;
}

/** Appends the event's timeline entry; `recordedLate` compares the event's own two times. */
function recordEntry(s: ProjectionState, e: TrackedEvent, { code, message: summary, place, flightNumber }: EntryFacts): ProjectionState {
  const entry = {
    eventId: e.eventId,
    kind: e.kind,
    code,
    happenedAt: e.happenedAt,
    recordedAt: e.recordedAt,
    recordedLate: Date.parse(e.recordedAt) - Date.parse(e.happenedAt) > LATE_RECORDING_MS,
    ...(place ? { place } : {}),
    ...(flightNumber ? { flightNumber } : {}),
    summary: summary.text,
    message: summary,
  };
  return { ...s, timeline: [...s.timeline, entry] };
}

// ---- One reducer per event kind -----------------------------------------------------------------

/** RCS: the shipment's identity, service level and promise come from its receipt. */
function onCargoReceived(s: ProjectionState, e: EventOf<'CargoReceived'>): ProjectionState {
  const d = e.data;
  const received: ProjectionState = {
    ...s,
    stationCode: d.stationCode,
    shipperName: d.shipper.name,
    shipperId: d.shipper.id,
    agentId: d.agentId ?? null,
    consignee: d.consignee ? { ...d.consignee } : null,
    houseWaybills: (d.houseWaybills ?? []).map((h) => ({ ...h, consignee: { ...h.consignee }, ...(h.shipper ? { shipper: { ...h.shipper } } : {}) })),
    destination: d.destinationAirport,
    serviceLevel: d.serviceLevel,
    pieces: d.pieces,
    receivedAt: d.receivedAt,
    promisedBy: serviceLevelDeadline(d.receivedAt, d.serviceLevel).toISOString(),
  };
  return recordEntry(advance(received, 'RCS'), e, {
    code: 'RCS',
    place: d.stationCode,
    message: message('timeline.RCS', { station: d.stationCode, pieces: d.pieces, kg: d.grossWeightKg, destination: d.destinationAirport, serviceLevel: d.serviceLevel }),
  });
}

/**
 * COR: the station corrected pieces, weight or volume; the shipment's pieces are the corrected ones.
 * A correction older than the intake version shown (by `intakeVersion`) is history only.
 */
function onCargoCorrected(s: ProjectionState, e: EventOf<'CargoCorrected'>): ProjectionState {
  const d = e.data;
  const changed = (['pieces', 'grossWeightKg', 'volumeM3'] as const).filter((k) => d.previous[k] !== d.intake[k]).map((k) => `${k} ${d.previous[k]} → ${d.intake[k]}`);
  const summary = (supersededBy?: number) => message('timeline.COR', { station: d.stationCode, changes: changed.join(', '), reason: d.reason, supersededBy });
  if (!isNewerDecision(d.intakeVersion, s.intakeVersion)) return recordEntry(s, e, { code: 'COR', place: d.stationCode, message: summary(s.intakeVersion) });
  return recordEntry(withStationCode({ ...s, pieces: d.intake.pieces, intakeVersion: d.intakeVersion }, d.stationCode), e, { code: 'COR', place: d.stationCode, message: summary() });
}

/**
 * CXL: the station cancelled the intake. Final: the status is CXL from then on, there is no next
 * activity, and no booking, wait-list or exception is shown any more (flight-assignment offloads it).
 */
function onCargoCancelled(s: ProjectionState, e: EventOf<'CargoCancelled'>): ProjectionState {
  const d = e.data;
  const cancelled: ProjectionState = {
    ...s,
    cancelled: s.cancelled ?? { at: d.cancelledAt, reason: d.reason },
    booking: null,
    waitlistedUntil: null,
    exception: null,
    intakeVersion: Math.max(s.intakeVersion, d.intakeVersion),
  };
  return recordEntry(withStationCode(cancelled, d.stationCode), e, { code: 'CXL', place: d.stationCode, message: message('timeline.CXL', { station: d.stationCode, reason: d.reason }) });
}

/** A scan: shared checks (station, wrong airport), then the reducer of its code, then its timeline entry. */
function onHandlingScanned(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  const d = e.data;
  const located = d.stationCode ? withStationCode(s, d.stationCode) : s;
  // A code outside HANDLING_CODES (not validated upstream) only gets its timeline entry.
  const byCode = SCAN_REDUCERS[d.code] as ScanReducer | undefined;
  const scanned = byCode ? byCode(checkScanAirport(located, e), e) : checkScanAirport(located, e);
  return recordEntry(scanned, e, {
    code: d.code,
    place: d.place,
    flightNumber: d.flightNumber,
    message: message('timeline.scan', { code: d.code, place: d.place, flightNumber: d.flightNumber, pieces: d.code === 'RCF' || d.code === 'DLV' ? d.pieces : undefined, remarks: d.remarks }),
  });
}

/** WRONG_AIRPORT: a truck-arrival, departure or on-hand scan at the Wuhan hub the booking does not leave from. */
function checkScanAirport(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  const d = e.data;
  const b = s.booking;
  if (!b || !['TAR', 'DEP', 'FOH'].includes(d.code) || (d.place !== 'WUH' && d.place !== 'EHU') || d.place === b.origin) return s;
  return raiseFlag(s, e, 'WRONG_AIRPORT', message('flagDetail.WRONG_AIRPORT', { code: d.code, place: d.place, flightNumber: b.flightNumber, origin: b.origin }));
}

/** TGC: a hold overlays the stage; a second hold keeps the first one's `since` (the shipment was held all along). */
function onCustomsHoldPlaced(s: ProjectionState, e: EventOf<'CustomsHoldPlaced'>): ProjectionState {
  const d = e.data;
  const checked =
    s.stage === 'MAN'
      ? raiseFlag(s, e, 'HELD_AFTER_MANIFEST', message('flagDetail.HELD_AFTER_MANIFEST', { caseId: d.caseId, flight: s.booking?.flightNumber ?? s.manifestedFlightId ?? 'the flight' }))
      : s;
  const held = { ...checked, openHold: { caseId: d.caseId, since: s.openHold?.since ?? d.placedAt, reasons: d.reasons.map((r) => r.code) } };
  return recordEntry(withStationCode(held, d.stationCode), e, {
    code: 'TGC',
    place: d.stationCode,
    message: message('timeline.TGC', { codes: d.reasons.map((r) => r.code).join(', '), holdReasons: d.reasons.map((r) => r.code).join(','), explanation: d.reasons[0]?.explanation ?? '' }),
  });
}

/** CCD: a release closes the open hold and marks the shipment cleared for good. */
function onCustomsReleased(s: ProjectionState, e: EventOf<'CustomsReleased'>): ProjectionState {
  const d = e.data;
  const released = advance({ ...s, openHold: null, cleared: true }, 'CCD');
  return recordEntry(withStationCode(released, d.stationCode), e, {
    code: 'CCD',
    place: d.stationCode,
    message: message(d.priority === 'FAST_LANE' ? 'timeline.CCD.fastLane' : 'timeline.CCD', { kind: d.kind, codes: d.reasons.map((r) => r.code).join(', ') }),
  });
}

/** The booking as the view shows it: a copy of the decision's itinerary (no payload object is shared). */
function bookingOf(d: EventOf<'FlightAssigned'>['data']): Booking {
  const c = d.connection;
  return {
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
    ...(c ? { connection: { flightId: c.flightId, flightNumber: c.flightNumber, via: c.via, departureAt: c.departureAt, arrivalAt: c.arrivalAt } } : {}),
  };
}

/** BKD / RFS: the latest decision replaces the booking; before departure it resets the stage to BKD. */
function onFlightAssigned(s: ProjectionState, e: EventOf<'FlightAssigned'>): ProjectionState {
  const d = e.data;
  const booked: ProjectionState = {
    ...s,
    booking: bookingOf(d),
    chargeableWeightKg: d.chargeableWeightKg,
    airport: d.origin,
    destination: s.destination ?? d.destination,
    waitlistedUntil: null,
    exception: null,
    revisedPromise: d.revisedPromise ?? null,
    ...(rank(s.stage) < rank('DEP') ? { stage: 'BKD' as const, manifestedFlightId: null } : {}),
  };
  const key = d.outcome === 'REASSIGNED' ? 'timeline.BKD.reassigned' : d.outcome === 'ROAD_FEEDER' ? 'timeline.RFS' : 'timeline.BKD';
  return recordEntry(withStationCode(booked, d.stationCode), e, {
    code: d.outcome === 'ROAD_FEEDER' ? 'RFS' : 'BKD',
    place: d.origin,
    flightNumber: d.flightNumber,
    message: message(key, {
      previousFlightId: d.previousFlightId ?? '?',
      flightNumber: d.flightNumber,
      route: `${d.origin}→${d.connection ? `${d.connection.via}→` : ''}${d.destination}`,
      departureAt: d.departureAt,
    }),
  });
}

/**
 * OFL / WTL / EXC: an offload undoes the booking (back to CCD, or FOH if not cleared); a wait-list
 * says until when; an exception stays open until the next assignment decision.
 */
function onAssignmentFailed(s: ProjectionState, e: EventOf<'AssignmentFailed'>): ProjectionState {
  const d = e.data;
  const weighed = withStationCode({ ...s, chargeableWeightKg: s.chargeableWeightKg ?? d.chargeableWeightKg }, d.stationCode);
  if (d.outcome === 'EXCEPTION') {
    const exception = { code: d.reason.code, explanation: d.reason.explanation, since: d.decidedAt };
    return recordEntry({ ...weighed, waitlistedUntil: null, exception }, e, { code: 'EXC', message: message('timeline.EXC', { code: d.reason.code, assignmentReason: d.reason.code }) });
  }
  if (d.outcome !== 'OFFLOADED') {
    return recordEntry({ ...weighed, waitlistedUntil: d.retryUntil ?? null, exception: null }, e, { code: 'WTL', message: message('timeline.WTL', { code: d.reason.code, assignmentReason: d.reason.code }) });
  }
  const offloaded: ProjectionState = {
    ...weighed,
    booking: s.booking && s.booking.flightId === d.previousFlightId ? null : s.booking,
    stage: rank(s.stage) < rank('DEP') && rank(s.stage) >= rank('BKD') ? (s.cleared ? 'CCD' : 'FOH') : s.stage,
    manifestedFlightId: null,
  };
  return recordEntry(offloaded, e, { code: 'OFL', message: message('timeline.OFL', { previousFlightId: d.previousFlightId ?? '?', code: d.reason.code, assignmentReason: d.reason.code }) });
}

/** MAN: the shipment is on a closed manifest; a manifest seen after departure does not move the stage back. */
function onManifestClosed(s: ProjectionState, e: EventOf<'ManifestClosed'>): ProjectionState {
  const d = e.data;
  const manifested: ProjectionState = {
    ...s,
    manifestedFlightId: d.flightId,
    airport: s.airport ?? d.origin,
    ...(rank(s.stage) < rank('DEP') ? { stage: 'MAN' as const } : {}),
  };
  return recordEntry(manifested, e, {
    code: 'MAN',
    place: d.origin,
    flightNumber: d.flightNumber,
    message: message('timeline.MAN', { flightNumber: d.flightNumber, route: `${d.origin}→${d.destination}`, departureAt: d.departureAt }),
  });
}

// ---- One reducer per handling scan code -------------------------------------------------------

/** RCS scanned at a station: received, if nothing later happened yet. */
function onReceivedScan(s: ProjectionState): ProjectionState {
  return advance(s, 'RCS');
}

/** FOH: freight on hand, if nothing later happened yet. */
function onFreightOnHand(s: ProjectionState): ProjectionState {
  return advance(s, 'FOH');
}

/** LOT (loaded on truck) changes nothing but the timeline. */
function onLoadedOnTruck(s: ProjectionState): ProjectionState {
  return s;
}

/** TDP: the truck left; TRUCK_LATE_FOR_CUTOFF when after the booking's `truckDepartBy`. */
function onTruckDeparted(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  const d = e.data;
  const b = s.booking;
  const departed = { ...s, truckDeparted: true };
  if (b && Date.parse(d.happenedAt) > Date.parse(b.truckDepartBy)) {
    return raiseFlag(departed, e, 'TRUCK_LATE_FOR_CUTOFF', message('flagDetail.TRUCK_LATE_FOR_CUTOFF.departed', { place: d.place, happenedAt: d.happenedAt, departBy: b.truckDepartBy, flightNumber: b.flightNumber }));
  }
  return departed;
}

/** TAR: the truck reached the airport; TRUCK_LATE_FOR_CUTOFF when after the booked flight's cut-off. */
function onTruckArrived(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  const d = e.data;
  const b = s.booking;
  const arrived = { ...s, truckArrived: true };
  if (b && Date.parse(d.happenedAt) > Date.parse(b.cutoffAt)) {
    return raiseFlag(arrived, e, 'TRUCK_LATE_FOR_CUTOFF', message('flagDetail.TRUCK_LATE_FOR_CUTOFF.arrived', { place: d.place, happenedAt: d.happenedAt, flightNumber: b.flightNumber, cutoffAt: b.cutoffAt }));
  }
  return arrived;
}

/** Wuhan's two hubs: a departure from anywhere else is a transfer's (or a misroute's). */
const WUHAN_HUBS: readonly string[] = ['WUH', 'EHU'];

/**
 * DEP from Wuhan: WRONG_FLIGHT unless on the booked flight or its connection. DEP from anywhere else
 * (a transfer hub): MISROUTED unless from the booked hub on the booked onward flight. Either way
 * DEPARTED_WHILE_HELD with a hold open.
 */
function onDeparted(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  const d = e.data;
  const b = s.booking;
  const fromWuhan = WUHAN_HUBS.includes(d.place);
  let next = s;
  if (fromWuhan && b && d.flightNumber && d.flightNumber !== b.flightNumber && d.flightNumber !== b.connection?.flightNumber) {
    next = raiseFlag(next, e, 'WRONG_FLIGHT', message('flagDetail.WRONG_FLIGHT', { flightNumber: d.flightNumber, bookedFlight: b.flightNumber }));
  }
  if (!fromWuhan && b && !(b.connection && d.place === b.connection.via && d.flightNumber === b.connection.flightNumber)) {
    const left = { place: d.place, flightNumber: d.flightNumber ?? 'an unnamed flight' };
    const detail = b.connection
      ? message('flagDetail.MISROUTED.onward', { ...left, via: b.connection.via, onwardFlight: b.connection.flightNumber })
      : message('flagDetail.MISROUTED.direct', { ...left, destination: b.destination, bookedFlight: b.flightNumber });
    next = raiseFlag(next, e, 'MISROUTED', detail);
  }
  if (s.openHold) next = raiseFlag(next, e, 'DEPARTED_WHILE_HELD', message('flagDetail.DEPARTED_WHILE_HELD', { place: d.place, caseId: s.openHold.caseId }));
  if (fromWuhan) {
    next = { ...next, departedFlightNumber: d.flightNumber ?? next.departedFlightNumber, airport: next.airport ?? d.place };
  }
  return advance(next, 'DEP');
}

/**
 * Where an arrival-side scan (ARR, RCF, NFD) happened on the booked route: at the destination (also
 * when the destination is not known yet), at the booked transfer hub, or off the route (only
 * knowable with a booking).
 */
function placeOnRoute(s: ProjectionState, place: string): 'DESTINATION' | 'TRANSFER' | 'OFF_ROUTE' {
  if (s.destination === null || place === s.destination) return 'DESTINATION';
  if (s.booking?.connection?.via === place) return 'TRANSFER';
  return s.booking ? 'OFF_ROUTE' : 'TRANSFER';
}

/**
 * ARR / RCF / NFD at the destination move the stage there (the first arrival time is kept); at the
 * transfer hub they are the transfer's and move nothing; anywhere else the shipment is MISROUTED.
 */
function onArrivalSide(s: ProjectionState, e: EventOf<'HandlingScanned'>, stage: 'ARR' | 'RCF' | 'NFD'): ProjectionState {
  const d = e.data;
  switch (placeOnRoute(s, d.place)) {
    case 'DESTINATION':
      return advance({ ...s, arrivedAt: s.arrivedAt ?? d.happenedAt }, stage);
    case 'TRANSFER':
      return s;
    case 'OFF_ROUTE': {
      const route = s.booking?.connection ? `${s.booking.origin}→${s.booking.connection.via}→${s.destination ?? '?'}` : `${s.booking?.origin ?? '?'}→${s.destination ?? '?'}`;
      return raiseFlag(s, e, 'MISROUTED', message('flagDetail.MISROUTED.offRoute', { code: d.code, place: d.place, route }));
    }
  }
}

/** ARR: the flight reached the place. */
function onArrived(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  return onArrivalSide(s, e, 'ARR');
}

/** RCF: received from the flight; PIECES_SHORT when fewer pieces came off it than were received at the station. */
function onReceivedFromFlight(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  const d = e.data;
  const short = d.pieces !== undefined && s.pieces !== null && d.pieces < s.pieces;
  const checked = short
    ? raiseFlag(s, e, 'PIECES_SHORT', message('flagDetail.PIECES_SHORT', { received: d.pieces ?? 0, pieces: s.pieces ?? '?', flight: d.flightNumber ?? 'the flight', place: d.place }))
    : s;
  return onArrivalSide(checked, e, 'RCF');
}

/** NFD: the consignee was notified that the shipment is ready for collection. */
function onNotified(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  return onArrivalSide(s, e, 'NFD');
}

/** DLV: delivered; it also stands for an arrival nobody scanned. The first delivery time is kept. */
function onDelivered(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  const at = e.data.happenedAt;
  return advance({ ...s, arrivedAt: s.arrivedAt ?? at, deliveredAt: s.deliveredAt ?? at }, 'DLV');
}

/** DIS: every discrepancy scan raises HANDLING_DISCREPANCY. */
function onDiscrepancy(s: ProjectionState, e: EventOf<'HandlingScanned'>): ProjectionState {
  const d = e.data;
  return raiseFlag(s, e, 'HANDLING_DISCREPANCY', message('flagDetail.HANDLING_DISCREPANCY', { place: d.place, remarks: d.remarks }));
}

/** Every handling code has its reducer: the mapped type makes a new code a compile error here. */
const SCAN_REDUCERS: { readonly [C in HandlingCode]: ScanReducer } = {
  RCS: onReceivedScan,
  FOH: onFreightOnHand,
  LOT: onLoadedOnTruck,
  TDP: onTruckDeparted,
  TAR: onTruckArrived,
  DEP: onDeparted,
  ARR: onArrived,
  RCF: onReceivedFromFlight,
  NFD: onNotified,
  DLV: onDelivered,
  DIS: onDiscrepancy,
};

/** The kinds that are decisions, and the sequence each is ordered in (see `isNewerDecision`). */
type DecisionKind = 'CustomsHoldPlaced' | 'CustomsReleased' | 'FlightAssigned' | 'AssignmentFailed';
type DecisionSequence = 'customsDecisionVersion' | 'assignmentDecisionVersion';

/**
 * Applies a decision only if it is newer than the last decision of its sequence applied so far
 * (holds and releases share the customs sequence; assignments and failures the assignment one).
 * An older decision, e.g. a hold read after a newer release from the other topic, only gets its
 * timeline entry, marked superseded: the state (hold, cleared, booking, flags) stays the newest
 * decision's, whatever the arrival order or the decisions' own times.
 */
function inDecisionOrder<K extends DecisionKind>(sequence: DecisionSequence, reducer: Reducer<K>): Reducer<K> {
  return (s, e) => {
    const decision = e as EventOf<DecisionKind>;
    const version = decisionVersionOf(decision.data);
    const applied = reducer(s, e);
    if (isNewerDecision(version, s[sequence])) return { ...applied, [sequence]: version };
    const entry = applied.timeline[applied.timeline.length - 1];
    if (!entry || entry.eventId !== decision.eventId) return s;
    return { ...s, timeline: [...s.timeline, { ...entry, superseded: true, summary: `${entry.summary} (superseded by decision version ${s[sequence] ?? 0})` }] };
  };
}

/** Every tracked event kind has its reducer: the mapped type makes a new kind a compile error here. */
const SHIPMENT_EVENT_REDUCERS: { readonly [K in TrackedEventKind]: Reducer<K> } = {
  CargoReceived: onCargoReceived,
  CargoCorrected: onCargoCorrected,
  CargoCancelled: onCargoCancelled,
  HandlingScanned: onHandlingScanned,
  CustomsHoldPlaced: inDecisionOrder('customsDecisionVersion', onCustomsHoldPlaced),
  CustomsReleased: inDecisionOrder('customsDecisionVersion', onCustomsReleased),
  FlightAssigned: inDecisionOrder('assignmentDecisionVersion', onFlightAssigned),
  AssignmentFailed: inDecisionOrder('assignmentDecisionVersion', onAssignmentFailed),
  ManifestClosed: onManifestClosed,
};

/** Applies the reducer of the event's kind. */
export function reduceShipmentEvent(state: ProjectionState, event: TrackedEvent): ProjectionState {
  // The map pairs each kind with its reducer, so indexing by `event.kind` gives the reducer of this
  // event; TypeScript cannot correlate the two unions by itself, hence the widening.
  const reducer = SHIPMENT_EVENT_REDUCERS[event.kind] as Reducer<TrackedEventKind>;
  return reducer(state, event);
}
