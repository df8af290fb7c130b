import { AssignmentReason } from '@cargo/contracts';
import { MINUTE_MS, isoOf, type Flight } from './flight.model';
import type { ShipmentFacts } from './shipment.model';
import type { TransportNetwork } from './transport-network.model';

/**
 * A way to move a shipment out of Wuhan: a first leg from WUH/EHU (a flight, or a road-feeder truck),
 * optionally one connection via a transfer hub (PVG/HKG).
 *
 * Invariants: `truckDepartBy` = first leg's cut-off − the station's truck minutes to its origin; with
 * a connection, `connection.departureAt` ≥ `first.arrivalAt` + the hub's minimum connection time;
 * `finalArrivalAt` is the arrival at the shipment's destination.
 */
export interface Itinerary {
  first: Flight;
  connection?: Flight;
  /** Flight ids whose capacity the itinerary books (one or two). */
  flightIds: readonly string[];
  truckDepartBy: number;
  finalArrivalAt: number;
  /** Leaves Hubei by road (counts against the air self-transport rate). */
  road: boolean;
  /** Arrives within the service level. */
  onTime: boolean;
}

export interface Rejection {
  code: string;
  explanation: string;
}

interface ItinerarySearch {
  options: Itinerary[];
  /** Why there is no option (set only when `options` is empty). */
  rejection?: Rejection;
}

interface SearchOptions {
  /** `AIR`: flights from WUH/EHU, on time only (unless `allowLate`). `ROAD`: road-feeder trucks, late allowed (on-time first). */
  transport: 'AIR' | 'ROAD';
  /** `AIR` only: also offer flights that arrive after the service level (the alternatives when no flight keeps the promise). */
  allowLate?: boolean;
  /** Checked when given: options that do not fit the remaining capacity are dropped (reason NO_CAPACITY). */
  fits?: (flightIds: readonly string[], kg: number, m3: number) => boolean;
}

/** Checks in the order a candidate meets them; a rejection names the furthest check any candidate failed. */
const enum Check {
  Cutoff = 0,
  ServiceLevel = 1,
  Cao = 2,
  ColdChain = 3,
  Capacity = 4,
}

/** Whether a shipment's restrictions allow a leg: CAO only on freighters, temperature control only where cold chain. */
function legAllows(shipment: Pick<ShipmentFacts, 'cargoAircraftOnly' | 'temperatureControlled'>, leg: Flight): 'CAO' | 'COLD_CHAIN' | undefined {
  if (shipment.cargoAircraftOnly && leg.aircraftKind === 'BELLY') return 'CAO';
  if (shipment.temperatureControlled && !leg.coldChain) return 'COLD_CHAIN';
  return undefined;
}

/** When the truck from the station must leave to reach the leg's origin by its cut-off; undefined if the station has no time to it. */
function truckDepartByOf(network: TransportNetwork, stationCode: string, first: Flight): number | undefined {
  const minutes = network.station(stationCode)?.truckMinutes[first.origin];
  return minutes === undefined ? undefined : first.cutoffAt - minutes * MINUTE_MS;
}

/**
 * Every itinerary a shipment can take at `now`, best first (earliest final arrival, then fewest legs,
 * then earliest cut-off), or the reason there is none. Pure: no clock, no I/O.
 *
 * Rules (issue 8): the truck leaving the station no earlier than `now` reaches the first leg's origin
 * by its cut-off; direct, or one connection via a transfer hub respecting its minimum connection
 * time; final arrival within the service level (`AIR` only); cargo-aircraft-only only on freighters
 * (a truck carries CAO cargo by road, but its onward flight must be a freighter); temperature-controlled
 * only with cold chain; every leg open (scheduled, not cancelled); remaining capacity when `fits` is given.
 */
export function findItineraries(shipment: ShipmentFacts, network: TransportNetwork, now: number, opts: SearchOptions): ItinerarySearch {
  let worst: { check: Check; rejection: Rejection } | undefined;
  const fail = (check: Check, code: string, explanation: string) => {
    if (!worst || check > worst.check) worst = { check, rejection: { code, explanation } };
  };
  const options: Itinerary[] = [];
  const kg = shipment.chargeableWeightKg;
  const m3 = shipment.volumeM3;
  const dest = shipment.destination;
  const level = shipment.serviceLevel;
  const byDeadline = opts.transport === 'AIR' && !opts.allowLate ? ` arrives by the ${level} deadline` : ' in the timetable';
  const consider = (first: Flight, connection: Flight | undefined) => {
    if (first.status !== 'SCHEDULED' || (connection && connection.status === 'CANCELLED')) return;
    const truckDepartBy = truckDepartByOf(network, shipment.stationCode, first);
    if (truckDepartBy === undefined || truckDepartBy < now) {
      fail(Check.Cutoff, AssignmentReason.CUTOFF_UNREACHABLE, `No open flight to ${dest}: the truck from ${shipment.stationCode} cannot reach a cut-off in time`);
      return;
    }
    const finalArrivalAt = connection ? connection.arrivalAt : first.arrivalAt;
    const onTime = finalArrivalAt <= shipment.deadlineAt;
    if (!onTime && opts.transport === 'AIR' && !opts.allowLate) {
      fail(Check.ServiceLevel, AssignmentReason.SERVICE_LEVEL_UNREACHABLE, `No reachable flight arrives at ${dest} by the ${level} deadline ${isoOf(shipment.deadlineAt)}`);
      return;
    }
    const legs = connection ? [first, connection] : [first];
    for (const leg of legs) {
      // A truck carries CAO cargo by road (its onward flight must still be a freighter); cold chain needs a reefer.
      const blocked = legAllows(leg.aircraftKind === 'TRUCK' ? { ...shipment, cargoAircraftOnly: false } : shipment, leg);
      if (blocked === 'CAO') {
        fail(Check.Cao, AssignmentReason.CAO_NO_FREIGHTER, `Cargo-aircraft-only: no freighter to ${dest}${byDeadline}`);
        return;
      }
      if (blocked === 'COLD_CHAIN') {
        fail(Check.ColdChain, AssignmentReason.NO_COLD_CHAIN, `Temperature-controlled: no cold-chain capable flight to ${dest}${byDeadline}`);
        return;
      }
    }
    const flightIds = legs.map((l) => l.flightId);
    if (opts.fits && !opts.fits(flightIds, kg, m3)) {
      fail(Check.Capacity, AssignmentReason.NO_CAPACITY, `No flight to ${dest} with ${kg} kg / ${m3} m³ free${byDeadline}`);
      return;
    }
    options.push({ first, connection, flightIds, truckDepartBy, finalArrivalAt, road: first.aircraftKind === 'TRUCK', onTime });
  };

  const firstLegs = opts.transport === 'AIR' ? network.directFromWuhan(dest) : network.roadFeederTrucks().filter((t) => t.destination === dest);
  for (const first of firstLegs) consider(first, undefined);
  for (const hub of network.transferHubs()) {
    if (hub === dest) continue;
    const onward = network.onward(hub, dest);
    if (onward.length === 0) continue;
    const mct = (network.mctMinutes(hub) ?? 0) * MINUTE_MS;
    const toHub = opts.transport === 'AIR' ? network.fromWuhanTo(hub) : network.roadFeederTrucks().filter((t) => t.destination === hub);
    for (const first of toHub) {
      for (const next of onward) {
        if (next.departureAt < first.arrivalAt + mct) continue;
        consider(first, next);
      }
    }
  }
  if (options.length > 0) {
    options.sort(
      (a, b) =>
        Number(b.onTime) - Number(a.onTime) ||
        a.finalArrivalAt - b.finalArrivalAt ||
        a.flightIds.length - b.flightIds.length ||
        a.first.cutoffAt - b.first.cutoffAt,
    );
    return { options };
  }
  const via = opts.transport === 'AIR' ? 'from Wuhan (direct or one connection via PVG/HKG)' : 'by road feeder';
  return {
    options,
    rejection: worst?.rejection ?? { code: AssignmentReason.SERVICE_LEVEL_UNREACHABLE, explanation: `No open flight ${via} serves ${dest}` },
  };
}
