import type { AircraftKind, ScheduledFlight, TimetableLeg } from '@cargo/contracts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** SCHEDULED: open for bookings until cut-off; CLOSED: manifest closed at cut-off; CANCELLED: never flies. */
/** SCHEDULED → CLOSED at cut-off (manifest sent) → DEPARTED at departure; or CANCELLED. */
export type FlightStatus = 'SCHEDULED' | 'CLOSED' | 'DEPARTED' | 'CANCELLED';

/**
 * One departure the service can book cargo on: a flight from WUH/EHU (belly or freighter), an onward
 * flight from a transfer hub (its allotment for Wuhan transfer cargo) or a road-feeder truck.
 *
 * Invariants: `cutoffAt` ≤ `departureAt` < `arrivalAt` (epoch ms, UTC); capacities > 0; a
 * cancelled flight takes no bookings; a flight is bookable only before its cut-off.
 */
export interface Flight {
  flightId: string;
  flightNumber: string;
  carrier: string;
  origin: string;
  destination: string;
  departureAt: number;
  arrivalAt: number;
  cutoffAt: number;
  aircraftKind: AircraftKind;
  aircraftType: string;
  capacityKg: number;
  capacityM3: number;
  coldChain: boolean;
  leg: TimetableLeg;
  status: FlightStatus;
  /** Minutes the departure was moved by ops (0 when on schedule). */
  delayMinutes: number;
}

/** A timetable entry from the seeds as a bookable flight. */
export function flightFromSchedule(s: ScheduledFlight): Flight {
  return {
    flightId: s.flightId,
    flightNumber: s.flightNumber,
    carrier: s.carrier,
    origin: s.origin,
    destination: s.destination,
    departureAt: Date.parse(s.departureAt),
    arrivalAt: Date.parse(s.arrivalAt),
    cutoffAt: Date.parse(s.cutoffAt),
    aircraftKind: s.aircraftKind,
    aircraftType: s.aircraftType,
    capacityKg: s.capacity.kg,
    capacityM3: s.capacity.m3,
    coldChain: s.coldChain,
    leg: s.leg,
    status: 'SCHEDULED',
    delayMinutes: 0,
  };
}

/** The same flight moved `minutes` later (departure, arrival and cut-off move together). */
export function delayedFlight(flight: Flight, minutes: number): Flight {
  const shift = minutes * MINUTE_MS;
  return {
    ...flight,
    departureAt: flight.departureAt + shift,
    arrivalAt: flight.arrivalAt + shift,
    cutoffAt: flight.cutoffAt + shift,
    delayMinutes: flight.delayMinutes + minutes,
  };
}

/** RFC 3339 without milliseconds, as the timetable writes times. */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
