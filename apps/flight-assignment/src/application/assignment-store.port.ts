import type { AirlineStatusReport, FlightMovement } from '../domain/airline-status.rules';
import type { Flight } from '../domain/flight.model';
import type { Manifest } from '../domain/manifest.builder';
import type { ShipmentFacts } from '../domain/shipment.model';
import type { EventCause } from './unit-of-work.port';

/** CANCELLED: the station cancelled the intake (final; nothing is decided for it any more). */
export type ShipmentStatus = 'RECEIVED' | 'RELEASED_AWAITING_INTAKE' | 'PENDING' | 'ASSIGNED' | 'WAITLISTED' | 'EXCEPTION' | 'HELD' | 'MANIFESTED' | 'DEPARTED' | 'CANCELLED';
type CustomsState = 'NONE' | 'RELEASED' | 'CONDITIONAL' | 'HELD';

interface Booking {
  flightId: string;
  connectionFlightId?: string;
  truckDepartBy: number;
  finalArrivalAt: number;
  roadFeeder: boolean;
}

/**
 * The service's record of a shipment. Invariants: `booking` is set iff status is ASSIGNED or
 * MANIFESTED; `facts` is missing only while RELEASED_AWAITING_INTAKE; `replan` is set only while a
 * shipment taken off a flight (cancel/delay) waits for its new decision; a WAITLISTED shipment
 * always has `retryUntil` and `nextAttemptAt`, an EXCEPTION always its `reason` (the database
 * checks both).
 */
export interface ShipmentRecord {
  awb: string;
  stationCode: string;
  facts?: ShipmentFacts;
  status: ShipmentStatus;
  customs: CustomsState;
  releaseFacts?: { cargoAircraftOnly: boolean; specialHandlingCodes: string[] };
  booking?: Booking;
  reason?: { code: string; explanation: string };
  retryUntil?: number;
  /** WAITLISTED: when it is planned again at the latest (service clock; see the planner's `nextAttemptAt`). */
  nextAttemptAt?: number;
  replan?: { fromFlightId: string; reasonCode: string; explanation: string };
  /** Wall-clock ms it became pending (the batch window counts from here). */
  pendingSince?: number;
  releasedAt?: number;
  /** The customs release event that made it assignable: its decisions continue that causation chain and trace. */
  releaseCause?: EventCause;
  /**
   * `decisionVersion` of the last customs hold or release applied (0 for one from before versions;
   * undefined: none yet). A customs decision is applied only if newer (`isNewerDecision`).
   */
  customsDecisionVersion?: number;
  decidedAt?: number;
}

export interface FlightWithLoad {
  flight: Flight;
  bookedKg: number;
  bookedM3: number;
  /** What the airline reported (or the hub assumed) about its actual departure and arrival; empty before. */
  movement?: FlightMovement;
}

/**
 * Persistence port of the assignment use cases; one instance per transaction (a unit of work's
 * `store`). An abstract class like every port of the services; the TypeORM adapter lives in
 * infrastructure/.
 *
 * Invariants: `lockCapacity` serialises every unit of work that changes bookings (the batch, holds,
 * cancellations, delays, manifest closing), across processes, until the transaction ends. Lock order
 * is always AWB lock → capacity lock → shipment rows, so units of work cannot deadlock. Nothing
 * written through a store is visible to others before its transaction commits.
 */
/** One flight change by operations, with the verified subject that made it. */
export interface FlightOpsAuditEntry {
  flightId: string;
  action: 'ADDED' | 'DELAYED' | 'CANCELLED';
  actor: string;
  at: number;
  detail: string | null;
}

/** An operator's resolution of an assignment exception (who, when, what they did, what followed). */
export interface ExceptionResolutionEntry {
  awb: string;
  reasonCode: string;
  /** When the exception was opened (its decision time). */
  openedAt: number;
  action: 'REPLAN';
  actor: string;
  at: number;
  note: string;
  /** The decision that followed (ASSIGNED, ROAD_FEEDER, WAITLISTED, EXCEPTION, …). */
  outcome: string;
}

export abstract class AssignmentStore {
  /** Takes the capacity lock (held until the transaction ends). Take it before reading booked capacity you mean to change. */
  abstract lockCapacity(): Promise<void>;
  /** Flights departing at or after `since`, with what is booked on them. */
  abstract loadFlights(since: number): Promise<FlightWithLoad[]>;
  /** One flight with what is booked on it, or undefined when unknown. */
  abstract getFlight(flightId: string): Promise<FlightWithLoad | undefined>;
  /** Inserts the flights that do not exist yet (existing ones stay as operated); returns how many were new. */
  abstract insertFlights(flights: readonly Flight[], source: 'TIMETABLE' | 'OPS'): Promise<number>;
  /** Writes a flight's operated state (status, times, delay); never its booked capacity. */
  abstract updateFlight(flight: Flight): Promise<void>;
  /** Writes flights' booked capacity, all in one statement (the database refuses more than a flight's capacity). */
  abstract setBooked(loads: readonly { flightId: string; bookedKg: number; bookedM3: number }[]): Promise<void>;
  /** Flights from `origin` departing in `[from, to)`. */
  abstract flightsOf(origin: string, from: number, to: number): Promise<FlightWithLoad[]>;
  /** Open flights whose cut-off is at or before `now`. */
  abstract dueForClosing(now: number): Promise<Flight[]>;
  /** Closed departures from Wuhan (flights and road feeders) whose departure time is at or before `departedBy`. */
  abstract dueForDeparture(departedBy: number): Promise<Flight[]>;
  /** Records a flight's actual departure (and who vouches for it) or arrival; fields left out stay as they are. */
  abstract recordFlightMovement(flightId: string, movement: FlightMovement): Promise<void>;

  /** Serialises the units of work of one AWB (also when it has no row yet). Take it before `lockCapacity`. */
  abstract lockShipment(awb: string): Promise<void>;
  /** With `forUpdate` the row stays locked until the transaction ends. */
  abstract getShipment(awb: string, forUpdate?: boolean): Promise<ShipmentRecord | undefined>;
  /** Inserts or replaces the shipment's record (see {@link ShipmentRecord} for its invariants), in one statement. */
  abstract saveShipment(record: ShipmentRecord): Promise<void>;
  /** {@link saveShipment} of several shipments (distinct AWBs) in one statement, whatever their number. */
  abstract saveShipments(records: readonly ShipmentRecord[]): Promise<void>;
  /** Locked until the transaction ends (take `lockCapacity` first). */
  abstract shipmentsWithStatus(statuses: readonly ShipmentStatus[]): Promise<ShipmentRecord[]>;
  /** Shipments booked on `flightId` as first leg or connection; locked until the transaction ends. */
  abstract shipmentsOnFlight(flightId: string): Promise<ShipmentRecord[]>;
  /** Oldest `pendingSince` among PENDING shipments, and the earliest `nextAttemptAt` on the wait-list. */
  abstract queueState(): Promise<{ oldestPendingSince?: number; earliestNextAttemptAt?: number }>;
  /** Shipments with an open exception (status EXCEPTION), oldest first; not locked. */
  abstract openExceptions(): Promise<ShipmentRecord[]>;

  /** Stores the manifest a flight closed with (one per flight). */
  abstract saveManifest(manifest: Manifest, closedAt: number): Promise<void>;
  /** The manifest a flight closed with; undefined while it is open, and for onward or unknown flights. */
  abstract getManifest(flightId: string): Promise<Manifest | undefined>;
  /** Records a flight change in the same transaction as the change itself. */
  abstract recordOpsAction(entry: FlightOpsAuditEntry): Promise<void>;
  /** A flight's changes by operations, oldest first. */
  abstract opsActionsOf(flightId: string): Promise<FlightOpsAuditEntry[]>;
  /** Records how an operator resolved an exception, in the same transaction as the resolution. */
  abstract recordExceptionResolution(entry: ExceptionResolutionEntry): Promise<void>;
  /** An AWB's exception resolutions, oldest first. */
  abstract exceptionResolutionsOf(awb: string): Promise<ExceptionResolutionEntry[]>;

  /** The status report filed under `key` (see {@link AirlineStatusReport}), if any. */
  abstract findStatusReport(key: string): Promise<AirlineStatusReport | undefined>;
  /** Files a status report (the audit entry); a second one under the same key is refused by the database. */
  abstract saveStatusReport(report: AirlineStatusReport): Promise<void>;
  /** The flight-level reports of a flight, or the shipment-level reports of an AWB, oldest first. */
  abstract statusReportsOf(subject: { flightId: string } | { awb: string }): Promise<AirlineStatusReport[]>;
}
