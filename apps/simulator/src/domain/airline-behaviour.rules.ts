import { createHash } from 'node:crypto';

const MINUTE = 60_000;

/** A reproducible number in [0, 1) for a key and a purpose (the same flight or AWB behaves the same every run). */
export function draw(key: string, purpose: string): number {
  return createHash('sha256').update(`${purpose}:${key}`).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** Uniform in [min, max) minutes, as ms, drawn for `key`. */
function minutes(key: string, purpose: string, min: number, max: number): number {
  return Math.round(min + draw(key, purpose) * (max - min)) * MINUTE;
}

/**
 * How an airline operates one flight after its manifest closed, in the simulated day.
 *
 * Invariants: `departedAt` ≥ the scheduled departure (an early push-back is rounded to on time);
 * `arrivedAt` > `departedAt`; a silent airline sends no DEP (the hub assumes it after
 * AIRLINE_SILENCE_MINUTES), but still reports the arrival; reports go out a few minutes after the fact.
 */
export interface FlightBehaviour {
  /** The airline never reports this departure. */
  silent: boolean;
  departedAt: number;
  /** When the DEP report is sent. */
  depReportAt: number;
  arrivedAt: number;
  /** When the ARR report is sent. */
  arrReportAt: number;
}

/**
 * Departure delays as hub airports see them: most on time or a few minutes late, about a fifth
 * 10–40 minutes, a few long (40–150 minutes); 2 % of departures never reported by the airline. En
 * route the block time varies by −15…+25 minutes, now and then (4 %) by an hour or more (holding,
 * diversion).
 */
export function flightBehaviour(flightId: string, scheduledDeparture: number, scheduledArrival: number): FlightBehaviour {
  const d = draw(flightId, 'dep-delay-band');
  const delay = d < 0.7 ? minutes(flightId, 'dep-delay', 0, 10) : d < 0.94 ? minutes(flightId, 'dep-delay', 10, 40) : minutes(flightId, 'dep-delay', 40, 150);
  const departedAt = scheduledDeparture + delay;
  const enRoute = draw(flightId, 'enroute-band') < 0.96 ? minutes(flightId, 'enroute', -15, 25) : minutes(flightId, 'enroute', 60, 180);
  const block = Math.max(20 * MINUTE, scheduledArrival - scheduledDeparture + enRoute);
  const arrivedAt = departedAt + block;
  return {
    silent: draw(flightId, 'silent') < 0.02,
    departedAt,
    depReportAt: departedAt + minutes(flightId, 'dep-report', 1, 8),
    arrivedAt,
    arrReportAt: arrivedAt + minutes(flightId, 'arr-report', 1, 10),
  };
}

/** What happens to one shipment once its flight is on the ground. */
export interface ArrivalBehaviour {
  /** Received from the flight (RCF) at. */
  receivedAt: number;
  /** Pieces that came off the flight: all of them, or (2 % of shipments) one to three short. */
  piecesReceived: number;
  /** At the destination: consignee notified at, then delivered at. */
  notifiedAt: number;
  deliveredAt: number;
}

export function arrivalBehaviour(awb: string, arrivedAt: number, pieces: number): ArrivalBehaviour {
  const short = draw(awb, 'short') < 0.02 ? Math.min(pieces, 1 + Math.floor(draw(awb, 'short-count') * 3)) : 0;
  const receivedAt = arrivedAt + minutes(awb, 'rcf', 20, 90);
  const notifiedAt = receivedAt + minutes(awb, 'nfd', 15, 120);
  return { receivedAt, piecesReceived: pieces - short, notifiedAt, deliveredAt: notifiedAt + minutes(awb, 'dlv', 60, 360) };
}

/** About 3 % of transfers leave the hub on another flight than booked (a misrouted transfer). */
export function isMisroutedTransfer(awb: string): boolean {
  return draw(awb, 'misroute') < 0.03;
}

/** How much later than the booked onward flight a misrouted shipment reaches its destination. */
export function misrouteDelay(awb: string): number {
  return minutes(awb, 'misroute-delay', 120, 480);
}
