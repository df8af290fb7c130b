import type { AircraftKind } from '@cargo/contracts';
import type { FlightFacts } from './kpi.calculator';
import type { ShipmentView } from './shipment.projection';

/** A departure from WUH/EHU as the read model knows it (from assignments, and its manifest once closed). */
export interface HubFlightFacts extends FlightFacts {
  aircraftType: string | null;
  /** When its manifest closed, null while open. */
  closedAt: string | null;
  manifestShipments: number | null;
}

/** A station truck scan of a shipment (LOT loaded, TDP left the station, TAR reached the airport). */
export interface TruckScan {
  code: 'LOT' | 'TDP' | 'TAR';
  truckId: string | null;
  place: string;
  happenedAt: string;
}

/** What the control view needs of a shipment booked on a flight. */
export interface BookedShipmentFacts {
  view: Pick<ShipmentView, 'awb' | 'stationCode' | 'destination' | 'serviceLevel' | 'pieces' | 'chargeableWeightKg' | 'booking' | 'status' | 'openHold' | 'flags' | 'promisedBy' | 'eta'>;
  /** Volume as received at the station (or as last corrected), m³; null when unknown. */
  volumeM3: number | null;
  truckScans: TruckScan[];
}

/** Reference data the control view takes from the seeds (injected, so the domain stays pure). */
export interface HubControlLookups {
  /** Acceptance cut-off before departure by aircraft kind, minutes (when no booking says it). */
  cutoffMinutes(kind: AircraftKind): number;
  /** Volume capacity of an aircraft type offering `capacityKg`, m³; null when unknown. */
  capacityM3(aircraftType: string | null, capacityKg: number | null): number | null;
}

export const FLIGHT_STATUSES = ['OPEN', 'CUT_OFF', 'MANIFESTED', 'DEPARTED'] as const;
export type ControlFlightStatus = (typeof FLIGHT_STATUSES)[number];
export type TruckState = 'PLANNED' | 'LOADED' | 'ON_ROAD' | 'ARRIVED';

/** The trucks feeding a flight: one run per truck id (per station for what is not loaded yet). */
export interface TruckRun {
  /** Null for the booked shipments of a station not loaded on any truck yet. */
  truckId: string | null;
  station: string;
  airport: string;
  state: TruckState;
  shipments: number;
  pieces: number;
  weightKg: number;
  volumeM3: number;
  departBy: string | null;
  loadedAt: string | null;
  departedAt: string | null;
  arrivedAt: string | null;
  /** A shipment on it is flagged TRUCK_LATE_FOR_CUTOFF, or on the clock it has not left by `departBy` / not arrived by the cut-off. */
  late: boolean;
}

export interface ControlFlight {
  flightId: string;
  flightNumber: string;
  carrier: string;
  airport: string;
  destination: string;
  aircraftKind: AircraftKind;
  aircraftType: string | null;
  departureAt: string;
  cutoffAt: string;
  /** Negative once passed. */
  secondsToCutoff: number;
  secondsToDeparture: number;
  status: ControlFlightStatus;
  shipments: number;
  pieces: number;
  held: number;
  flagged: number;
  weight: { bookedKg: number; capacityKg: number | null; loadFactor: number | null };
  volume: { bookedM3: number; capacityM3: number | null; loadFactor: number | null };
  manifest: { closedAt: string; shipments: number | null; chargeableKg: number } | null;
  trucks: TruckRun[];
}

/** A shipment of a flight, as the control view lists it (the flight's manifest once closed). */
export interface ControlShipment {
  awb: string;
  station: string | null;
  destination: string | null;
  serviceLevel: string | null;
  pieces: number | null;
  weightKg: number | null;
  volumeM3: number | null;
  status: string | null;
  held: boolean;
  holdReasons: string[];
  flags: string[];
  truckId: string | null;
  truckState: TruckState;
  promisedBy: string | null;
  eta: string | null;
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const share = (part: number, whole: number | null) => (whole && whole > 0 ? round(part / whole) : null);

/** The cut-off of a flight: its bookings' (flight assignment's), else departure minus the kind's cut-off. */
export function cutoffOf(flight: HubFlightFacts, shipments: readonly BookedShipmentFacts[], lookups: HubControlLookups): string {
  const booked = shipments.find((s) => s.view.booking?.flightId === flight.flightId)?.view.booking?.cutoffAt;
  return booked ?? new Date(Date.parse(flight.departureAt) - lookups.cutoffMinutes(flight.aircraftKind) * 60_000).toISOString();
}

/** DEPARTED once its departure time passed on the clock; else MANIFESTED once closed, CUT_OFF once the cut-off passed, else OPEN. */
export function flightStatusOf(flight: Pick<HubFlightFacts, 'departureAt' | 'closedAt'>, cutoffAt: string, now: Date): ControlFlightStatus {
  if (Date.parse(flight.departureAt) <= now.getTime()) return 'DEPARTED';
  if (flight.closedAt) return 'MANIFESTED';
  return Date.parse(cutoffAt) <= now.getTime() ? 'CUT_OFF' : 'OPEN';
}

/** The shipment's truck: the one of its latest truck scan (a reloaded shipment rides the later truck). */
export function truckIdOf(s: BookedShipmentFacts): string | null {
  const latest = [...s.truckScans].sort((a, b) => Date.parse(a.happenedAt) - Date.parse(b.happenedAt)).pop();
  return latest?.truckId ?? null;
}

const earliest = (times: readonly string[]): string | null => (times.length === 0 ? null : times.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b)));

/**
 * The truck runs feeding a flight, from its shipments' station scans: one per truck id, plus one per
 * station for the booked shipments not loaded yet (state PLANNED). Ordered by station, then by when
 * the truck has to leave.
 */
export function truckRunsOf(flight: HubFlightFacts, shipments: readonly BookedShipmentFacts[], cutoffAt: string, now: Date): TruckRun[] {
  const groups = new Map<string, { truckId: string | null; station: string; members: BookedShipmentFacts[] }>();
  for (const s of shipments) {
    const truckId = truckIdOf(s);
    const station = s.view.stationCode ?? '';
    const key = `${station}|${truckId ?? ''}`;
    const group = groups.get(key) ?? { truckId, station, members: [] };
    group.members.push(s);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ truckId, station, members }) => {
      const scans = members.flatMap((m) => m.truckScans.filter((t) => t.truckId === truckId));
      const at = (code: TruckScan['code']) => earliest(scans.filter((t) => t.code === code).map((t) => t.happenedAt));
      const [loadedAt, departedAt, arrivedAt] = [at('LOT'), at('TDP'), at('TAR')];
      const departBy = earliest(members.map((m) => m.view.booking?.truckDepartBy).filter((t): t is string => t !== undefined));
      const overdue = (due: string | null) => due !== null && Date.parse(due) < now.getTime();
      const late =
        members.some((m) => m.view.flags.some((f) => f.code === 'TRUCK_LATE_FOR_CUTOFF')) || (!departedAt && !arrivedAt && overdue(departBy)) || (!arrivedAt && overdue(cutoffAt));
      const state: TruckState = arrivedAt ? 'ARRIVED' : departedAt ? 'ON_ROAD' : loadedAt ? 'LOADED' : 'PLANNED';
      return {
        truckId,
        station,
        airport: scans.find((t) => t.code === 'TAR')?.place ?? flight.origin,
        state,
        shipments: members.length,
        pieces: members.reduce((n, m) => n + (m.view.pieces ?? 0), 0),
        weightKg: round(members.reduce((n, m) => n + (m.view.booking?.chargeableWeightKg ?? m.view.chargeableWeightKg ?? 0), 0), 1),
        volumeM3: round(members.reduce((n, m) => n + (m.volumeM3 ?? 0), 0), 2),
        departBy,
        loadedAt,
        departedAt,
        arrivedAt,
        late,
      };
    })
    .sort((a, b) => a.station.localeCompare(b.station) || (a.departBy ?? '').localeCompare(b.departBy ?? '') || (a.truckId ?? '').localeCompare(b.truckId ?? ''));
}

/** A flight of the control view as of `now` on the shared clock. */
export function controlFlightOf(flight: HubFlightFacts, shipments: readonly BookedShipmentFacts[], lookups: HubControlLookups, now: Date): ControlFlight {
  const cutoffAt = cutoffOf(flight, shipments, lookups);
  const bookedKg = round(shipments.reduce((n, s) => n + (s.view.booking?.chargeableWeightKg ?? 0), 0), 1);
  const bookedM3 = round(shipments.reduce((n, s) => n + (s.volumeM3 ?? 0), 0), 2);
  const capacityM3 = lookups.capacityM3(flight.aircraftType, flight.capacityKg);
  return {
    flightId: flight.flightId,
    flightNumber: flight.flightNumber,
    carrier: flight.flightNumber.slice(0, 2),
    airport: flight.origin,
    destination: flight.destination,
    aircraftKind: flight.aircraftKind,
    aircraftType: flight.aircraftType,
    departureAt: flight.departureAt,
    cutoffAt,
    secondsToCutoff: Math.round((Date.parse(cutoffAt) - now.getTime()) / 1000),
    secondsToDeparture: Math.round((Date.parse(flight.departureAt) - now.getTime()) / 1000),
    status: flightStatusOf(flight, cutoffAt, now),
    shipments: shipments.length,
    pieces: shipments.reduce((n, s) => n + (s.view.pieces ?? 0), 0),
    held: shipments.filter((s) => s.view.openHold !== null).length,
    flagged: shipments.filter((s) => s.view.flags.length > 0).length,
    // once closed, the manifest's weight is the load; before, the bookings'
    weight: { bookedKg, capacityKg: flight.capacityKg, loadFactor: share(flight.manifested ? flight.chargeableWeightKg : bookedKg, flight.capacityKg) },
    volume: { bookedM3, capacityM3, loadFactor: share(bookedM3, capacityM3) },
    manifest: flight.closedAt ? { closedAt: flight.closedAt, shipments: flight.manifestShipments, chargeableKg: flight.chargeableWeightKg } : null,
    trucks: truckRunsOf(flight, shipments, cutoffAt, now),
  };
}

/** The flight's shipments for its detail (and manifest export), in AWB order. */
export function controlShipmentsOf(flight: ControlFlight, shipments: readonly BookedShipmentFacts[]): ControlShipment[] {
  return shipments
    .map((s) => {
      const truckId = truckIdOf(s);
      const run = flight.trucks.find((t) => t.truckId === truckId && t.station === (s.view.stationCode ?? ''));
      return {
        awb: s.view.awb,
        station: s.view.stationCode,
        destination: s.view.destination,
        serviceLevel: s.view.serviceLevel,
        pieces: s.view.pieces,
        weightKg: s.view.booking?.chargeableWeightKg ?? s.view.chargeableWeightKg,
        volumeM3: s.volumeM3,
        status: s.view.status,
        held: s.view.openHold !== null,
        holdReasons: s.view.openHold?.reasons ?? [],
        flags: [...new Set(s.view.flags.map((f) => f.code))],
        truckId,
        truckState: run?.state ?? 'PLANNED',
        promisedBy: s.view.promisedBy,
        eta: s.view.eta,
      };
    })
    .sort((a, b) => a.awb.localeCompare(b.awb));
}
