import { latestDecision } from './kpi.calculator';
import { message, type Message } from './operator-messages.catalog';
import type { FlagCode, ShipmentView } from './shipment.projection';

/** What the exceptions queue lists; each kind has its reason and the action that resolves it. */
export const EXCEPTION_KINDS = ['SERVICE_LEVEL_AT_RISK', 'NO_FLIGHT', 'WAITLISTED', 'CUSTOMS_HOLD_OVERDUE', 'PIECES_SHORT', 'TRUCK_LATE'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** Who resolves an exception, and where (the service and its route). */
export interface ExceptionAction extends Message {
  actor: 'ops' | 'customs-officer' | 'screener' | 'airline' | 'station' | 'flight-assignment';
  service: 'flight-assignment' | 'customs-hold' | 'station-intake';
  method: 'POST';
  path: string;
}

/**
 * One thing an operator has to act on.
 * Invariant: `id` = `<kind>:<awb>`, stable while the exception is open.
 */
export interface OperatorException {
  id: string;
  kind: ExceptionKind;
  awb: string;
  flightId: string | null;
  flightNumber: string | null;
  station: string | null;
  airport: string | null;
  since: string;
  ageMinutes: number;
  reason: Message;
  action: ExceptionAction;
}

export interface ExceptionThresholds {
  /** An open customs or security hold becomes an exception once it is this old on the shared clock. */
  customsHoldMinutes: number;
}

const MINUTE_MS = 60_000;

/**
 * The open exceptions of one shipment as of `now` (the shared clock). A pure function of the view
 * and the time: holds past the threshold and trucks past their deadline appear by time passing
 * alone, with no new event. Delivered and cancelled shipments have none (nothing left to act on).
 */
export function exceptionsOf(view: ShipmentView, now: Date, thresholds: ExceptionThresholds): OperatorException[] {
  if (view.status === 'DLV' || view.status === 'CXL' || view.cancelled) return [];
  const found = [noFlight(view), waitlisted(view), serviceLevelAtRisk(view), customsHoldOverdue(view, now, thresholds), piecesShort(view), truckLate(view, now)];
  return found.filter((e): e is Omit<OperatorException, 'ageMinutes'> => e !== null).map((e) => ({ ...e, ageMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(e.since)) / MINUTE_MS)) }));
}

/** Oldest first, then by id (a total order: the queue does not jump around). */
export function compareExceptions(a: OperatorException, b: OperatorException): number {
  return Date.parse(a.since) - Date.parse(b.since) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

type Found = Omit<OperatorException, 'ageMinutes'> | null;

function base(view: ShipmentView, kind: ExceptionKind, since: string): Pick<OperatorException, 'id' | 'kind' | 'awb' | 'flightId' | 'flightNumber' | 'station' | 'airport' | 'since'> {
  return {
    id: `${kind}:${view.awb}`,
    kind,
    awb: view.awb,
    flightId: view.booking?.flightId ?? null,
    flightNumber: view.booking?.flightNumber ?? null,
    station: view.stationCode,
    airport: view.airport,
    since,
  };
}

const flagOf = (view: ShipmentView, code: FlagCode) => view.flags.find((f) => f.code === code);

function action(key: string, params: Record<string, string>, where: Omit<ExceptionAction, keyof Message | 'method'>): ExceptionAction {
  return { ...message(key, params), ...where, method: 'POST' };
}

const opsRebook = () => action('action.rebook', {}, { actor: 'ops', service: 'flight-assignment', path: '/v1/flights' });

/** NO_FLIGHT: an open assignment exception; ops resolve it at flight-assignment. */
function noFlight(view: ShipmentView): Found {
  if (!view.exception) return null;
  return {
    ...base(view, 'NO_FLIGHT', view.exception.since),
    reason: message('exception.noFlight.reason', { assignmentReason: view.exception.code, explanation: view.exception.explanation }),
    action: action('action.resolveException', { awb: view.awb }, { actor: 'ops', service: 'flight-assignment', path: `/v1/exceptions/${view.awb}/resolve` }),
  };
}

/** WAITLISTED: the latest assignment decision wait-listed it and it has no booking; flight assignment retries it. */
function waitlisted(view: ShipmentView): Found {
  const decision = latestDecision(view);
  if (decision?.code !== 'WTL' || view.booking || view.exception) return null;
  // The WTL entry's message carries the decision's reason code; a view stored before messages has it only in its summary ("Wait-listed: NO_CAPACITY").
  const reasonCode = String(decision.message?.params['code'] ?? /^Wait-listed: ([A-Z][A-Z0-9_]*)/.exec(decision.summary)?.[1] ?? '');
  const retryUntil = view.waitlistedUntil ?? '';
  return {
    ...base(view, 'WAITLISTED', decision.happenedAt),
    reason: message('exception.waitlisted.reason', { assignmentReason: reasonCode, retryUntil }),
    action: { ...opsRebook(), ...message('action.waitlist', { retryUntil }), actor: 'flight-assignment' },
  };
}

/** SERVICE_LEVEL_AT_RISK: expected (or actual) arrival after the promise; an open exception is NO_FLIGHT instead. */
function serviceLevelAtRisk(view: ShipmentView): Found {
  const flag = flagOf(view, 'SERVICE_LEVEL_AT_RISK');
  if (!flag || view.exception) return null;
  return {
    ...base(view, 'SERVICE_LEVEL_AT_RISK', flag.raisedAt),
    reason: message('exception.serviceLevelAtRisk.reason', { expected: view.arrivedAt ?? view.eta ?? '', serviceLevel: view.serviceLevel ?? '', promisedBy: view.promisedBy ?? '' }),
    action: opsRebook(),
  };
}

/** CUSTOMS_HOLD_OVERDUE: a hold open for at least the threshold on the clock; the officer (or the screener) resolves it. */
function customsHoldOverdue(view: ShipmentView, now: Date, thresholds: ExceptionThresholds): Found {
  const hold = view.openHold;
  if (!hold) return null;
  const minutes = Math.floor((now.getTime() - Date.parse(hold.since)) / MINUTE_MS);
  if (minutes < thresholds.customsHoldMinutes) return null;
  const screening = hold.reasons.length > 0 && hold.reasons.every((r) => r === 'SCREENING');
  return {
    ...base(view, 'CUSTOMS_HOLD_OVERDUE', hold.since),
    reason: message('exception.customsHoldOverdue.reason', { minutes, threshold: thresholds.customsHoldMinutes, holdReasons: hold.reasons.join(',') }),
    action: screening
      ? action('action.screeningResult', { awb: view.awb }, { actor: 'screener', service: 'customs-hold', path: `/v1/cases/${view.awb}/screening-results` })
      : action('action.customsRelease', { awb: view.awb }, { actor: 'customs-officer', service: 'customs-hold', path: `/v1/cases/${view.awb}/releases` }),
  };
}

/** PIECES_SHORT: fewer pieces came off the flight than were received; the airline at the destination traces them. */
function piecesShort(view: ShipmentView): Found {
  const flag = flagOf(view, 'PIECES_SHORT');
  if (!flag) return null;
  return {
    ...base(view, 'PIECES_SHORT', flag.raisedAt),
    reason: message('exception.piecesShort.reason', { detail: flag.detail }),
    action: action('action.tracePieces', { awb: view.awb, destination: view.destination ?? '' }, { actor: 'airline', service: 'flight-assignment', path: `/v1/shipments/${view.awb}/status` }),
  };
}

/**
 * TRUCK_LATE: flagged TRUCK_LATE_FOR_CUTOFF by a scan, or — by time alone — booked, and the truck has
 * not left the station by `truckDepartBy` or not reached the airport by the cut-off.
 */
function truckLate(view: ShipmentView, now: Date): Found {
  const station = view.stationCode ?? '';
  const resolve = action('action.truck', { station }, { actor: 'station', service: 'station-intake', path: `/v1/stations/${station}/scans` });
  const flag = flagOf(view, 'TRUCK_LATE_FOR_CUTOFF');
  if (flag) return { ...base(view, 'TRUCK_LATE', flag.raisedAt), reason: message('exception.truckLate.flag.reason', { detail: flag.detail }), action: resolve };
  const next = view.nextActivity;
  if (!next?.dueBy || Date.parse(next.dueBy) >= now.getTime()) return null;
  const params = { dueBy: next.dueBy, station, airport: view.booking?.origin ?? '', flightNumber: view.booking?.flightNumber ?? '' };
  if (next.code === 'TRUCK_DEPARTURE') return { ...base(view, 'TRUCK_LATE', next.dueBy), reason: message('exception.truckLate.notDeparted.reason', params), action: resolve };
  if (next.code === 'TRUCK_ARRIVAL') return { ...base(view, 'TRUCK_LATE', next.dueBy), reason: message('exception.truckLate.notArrived.reason', params), action: resolve };
  return null;
}
