import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsPositive, ValidateIf, ValidateNested } from 'class-validator';
import { Awb } from '../../awb/awb.value-object';
import { IsAwb, NormalizeAwb } from '../../awb/is-awb.decorator';
import { EVENT_TYPE_PREFIX, type EventDefinition } from '../../catalog/event-definition';
import { HOME_HUBS, TRANSFER_HUBS, type HomeHub, type TransferHub } from '../../domain/airports.constants';
import { IsDecisionVersion, IsSupersededEventId } from '../../domain/decision-order.rules';
import { AIRCRAFT_KINDS, type AircraftKind } from '../../domain/flight.constants';
import { Topics } from '../../topics/topics.constants';
import {
  FINITE,
  IsAirportCode,
  IsFlightId,
  IsFlightNumber,
  IsStationCode,
  IsTimeAfter,
  IsTimeNotAfter,
  IsTimestamp,
  Satisfies,
} from '../../validation/common.decorators';
import { ReasonDto } from '../shared/reason.dto';

/**
 * Outcomes carried on `flight.assignment.v1`. The topic carries all of them; they are split over two
 * event types so each payload's required fields are exact:
 * - `flight.assigned` ({@link FlightAssignedPayload}): the shipment has a place on a leg —
 *   `ASSIGNED`, `REASSIGNED` (moved from `previousFlightId`), or `ROAD_FEEDER` (a truck leg, counts
 *   against the air self-transport rate).
 * - `flight.assignment.failed` ({@link AssignmentFailedPayload}): it has none — `WAITLISTED`
 *   (retried as capacity changes), `OFFLOADED` (taken off `previousFlightId`, e.g. a customs hold)
 *   or `EXCEPTION` (nothing in the timetable can carry it; open until an operator resolves it).
 */
export const ASSIGNMENT_OUTCOMES = ['ASSIGNED', 'REASSIGNED', 'ROAD_FEEDER', 'WAITLISTED', 'OFFLOADED', 'EXCEPTION'] as const;
export type AssignmentOutcome = (typeof ASSIGNMENT_OUTCOMES)[number];
export const ASSIGNED_OUTCOMES = ['ASSIGNED', 'REASSIGNED', 'ROAD_FEEDER'] as const;
export type AssignedOutcome = (typeof ASSIGNED_OUTCOMES)[number];

/** The onward leg of a one-connection itinerary via a transfer hub (air-to-air transfer, 空空中转). */
export class ConnectionDto {
  @IsFlightId()
  flightId!: string;

  @IsFlightNumber()
  flightNumber!: string;

  @IsIn(TRANSFER_HUBS, { message: '$property must be a transfer hub: PVG or HKG' })
  via!: TransferHub;

  @IsTimestamp()
  departureAt!: string;

  @IsTimestamp()
  @IsTimeAfter('departureAt')
  arrivalAt!: string;
}

/**
 * A shipment got a place on a leg from Wuhan (WUH or EHU), possibly with one connection.
 *
 * Timing invariants (all RFC 3339): `truckDepartBy` ≤ `cutoffAt` ≤ `departureAt` < `arrivalAt`;
 * with a connection, `arrivalAt` < `connection.departureAt`.
 * - `truckDepartBy` = flight cut-off minus the station's truck minutes to `origin`: when the truck
 *   must leave the station (the station's dispatch list is built from it).
 * - Without `connection` the leg flies `origin` → `destination` and `arrivalAt` is the arrival there.
 *   With `connection` the first leg flies `origin` → `connection.via`, `arrivalAt` is the arrival at
 *   the hub and `connection.arrivalAt` the arrival at `destination` (see {@link finalArrivalAt}).
 * - `ROAD_FEEDER` ⇔ `aircraftKind` is `TRUCK`; `REASSIGNED` names `previousFlightId`.
 * - `chargeableWeightKg` is what the shipment takes of the leg's capacity.
 *
 * Ordering: `decisionVersion` is the AWB's assignment decision sequence in flight-assignment, shared
 * with `flight.assignment.failed` and increasing in commit order; a consumer applies an assignment
 * decision only if its version is newer than the last one it applied for the AWB (see
 * `isNewerDecision`), never by `decidedAt` (taken before the decision's locks, so not in commit order).
 */
export class FlightAssignedPayload {
  @NormalizeAwb()
  @IsAwb()
  awb!: string;

  /** The station the shipment is trucked from. */
  @IsStationCode()
  stationCode!: string;

  @IsIn(ASSIGNED_OUTCOMES, { message: '$property must be ASSIGNED, REASSIGNED or ROAD_FEEDER (WAITLISTED/OFFLOADED are flight.assignment.failed)' })
  @Satisfies<FlightAssignedPayload>('roadFeederIsTruck', (value, o) =>
    (value === 'ROAD_FEEDER') === (o.aircraftKind === 'TRUCK') ? undefined : 'ROAD_FEEDER goes with aircraftKind TRUCK, and only it',
  )
  outcome!: AssignedOutcome;

  @IsFlightId()
  flightId!: string;

  @IsFlightNumber()
  flightNumber!: string;

  @IsIn(HOME_HUBS, { message: '$property must be a Wuhan hub: WUH or EHU' })
  origin!: HomeHub;

  /** The shipment's destination airport (the final one when there is a connection). */
  @IsAirportCode()
  destination!: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ConnectionDto)
  @Satisfies<FlightAssignedPayload>('connectionAfterArrival', (value, o) => {
    const c = value as ConnectionDto | undefined;
    if (!c || typeof c.departureAt !== 'string' || typeof o.arrivalAt !== 'string') return undefined;
    return Date.parse(c.departureAt) > Date.parse(o.arrivalAt)
      ? undefined
      : `the onward flight departs (${c.departureAt}) before the first leg arrives at ${c.via} (${o.arrivalAt})`;
  })
  connection?: ConnectionDto;

  @IsTimestamp()
  departureAt!: string;

  @IsTimestamp()
  @IsTimeNotAfter('departureAt')
  cutoffAt!: string;

  @IsTimestamp()
  @IsTimeAfter('departureAt')
  arrivalAt!: string;

  /** Latest time the truck may leave the station: cut-off minus the station's truck time to `origin`. */
  @IsTimestamp()
  @IsTimeNotAfter('cutoffAt')
  truckDepartBy!: string;

  @IsIn(AIRCRAFT_KINDS, { message: '$property must be BELLY, FREIGHTER or TRUCK' })
  aircraftKind!: AircraftKind;

  @IsNumber(FINITE, { message: '$property must be a number of kg' })
  @IsPositive({ message: '$property must be greater than 0 kg' })
  chargeableWeightKg!: number;

  /** Why this leg, when it is not the plain first choice (e.g. FLIGHT_CANCELLED on a re-assignment). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ReasonDto)
  reason?: ReasonDto;

  @ValidateIf((o: FlightAssignedPayload) => o.outcome === 'REASSIGNED' || o.previousFlightId !== undefined)
  @IsFlightId({ message: '$property must be the flight id the shipment was moved from (required for REASSIGNED)' })
  previousFlightId?: string;

  /**
   * Set when no flight could keep the 1-2-3 promise (receipt + 1/2/3 days) any more and this is the
   * best alternative (a later flight, reason LATER_FLIGHT; or a late road feeder): the new promised
   * arrival at `destination` that the station and the shipper are told, equal to the itinerary's
   * final arrival. Absent while the original promise holds (and on earlier events).
   */
  @IsOptional()
  @IsTimestamp()
  @Satisfies<FlightAssignedPayload>('revisedPromiseAtArrival', (value, o) => {
    if (typeof value !== 'string' || typeof o.arrivalAt !== 'string' || Number.isNaN(Date.parse(value))) return undefined;
    const arrival = finalArrivalAt(o);
    return Date.parse(value) >= Date.parse(arrival) ? undefined : `the revised promise ${value} is before the itinerary's final arrival ${arrival}`;
  })
  revisedPromise?: string;

  @IsTimestamp()
  decidedAt!: string;

  /** The AWB's assignment decision sequence at this decision. Always written; missing on old events (read as 0). */
  @IsDecisionVersion()
  decisionVersion?: number;

  /** Event id of the AWB's previous assignment decision, which this one replaces (none for the first). */
  @IsSupersededEventId()
  supersedes?: string;
}

/** When the shipment reaches its destination: the connection's arrival if any, else the leg's. */
export function finalArrivalAt(p: Pick<FlightAssignedPayload, 'arrivalAt' | 'connection'>): string {
  return p.connection?.arrivalAt ?? p.arrivalAt;
}

export const FlightAssignedEvent: EventDefinition<FlightAssignedPayload> = {
  type: `${EVENT_TYPE_PREFIX}flight.assigned`,
  topic: Topics.FlightAssignment,
  // 2: decisionVersion and supersedes (optional in reading: version-1 events have neither).
  schemaVersion: 2,
  payload: FlightAssignedPayload,
  keyOf: (p) => Awb.parse(p.awb).toString(),
};
