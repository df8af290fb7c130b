import { isNewerDecision, UNVERSIONED_DECISION, type HomeHub } from '@cargo/contracts';

/**
 * A shipment's current place on a leg from WUH or EHU, as this station knows it from
 * `flight.assignment.v1`. `onLeg = false` after an OFFLOADED / WAITLISTED decision: the shipment is
 * then on no truck until it is assigned again.
 */
export interface ShipmentLegState {
  awb: string;
  stationCode: string;
  onLeg: boolean;
  outcome: string;
  flightId: string | null;
  flightNumber: string | null;
  origin: HomeHub | null;
  destination: string | null;
  departureAt: Date | null;
  cutoffAt: Date | null;
  aircraftKind: string | null;
  chargeableWeightKg: number;
  /** When flight-assignment decided this (orders only decisions from before versions, see decisionSupersedes). */
  decidedAt: Date;
  /** The decision's `decisionVersion` in the AWB's assignment sequence; 0 for a decision from before versions. */
  decisionVersion: number;
}

/**
 * Whether the decision `incoming` replaces the one on record (`current`). Decisions can arrive out of
 * order across redeliveries, rebalances and concurrent deciders; the one with the greater
 * `decisionVersion` wins (`isNewerDecision`). `decidedAt` cannot order them: flight-assignment
 * reads its clock before it waits for its locks, so a decision that commits later may carry an
 * earlier time (an offload after a customs hold against a batch that booked the shipment meanwhile).
 * Only between two decisions from before versions (both 0) does the later `decidedAt` win, and of
 * two at the same instant the one delivered last.
 */
export function decisionSupersedes(
  incoming: Pick<ShipmentLegState, 'decisionVersion' | 'decidedAt'>,
  current: Pick<ShipmentLegState, 'decisionVersion' | 'decidedAt'> | undefined,
): boolean {
  if (current === undefined) return true;
  if (incoming.decisionVersion === UNVERSIONED_DECISION && current.decisionVersion === UNVERSIONED_DECISION) {
    return incoming.decidedAt.getTime() >= current.decidedAt.getTime();
  }
  return isNewerDecision(incoming.decisionVersion, current.decisionVersion);
}

/** What the dispatch list shows of a shipment (joined with the intake and the station's scans). */
interface DispatchShipmentView {
  awb: string;
  destination: string | null;
  pieces: number | null;
  grossWeightKg: number | null;
  chargeableWeightKg: number;
  /** LOT scan: loaded on a truck. */
  loadedAt: string | null;
  /** TDP scan: truck left the station. */
  truckDepartedAt: string | null;
}

interface DispatchFlight {
  flightId: string;
  flightNumber: string;
  aircraftKind: string;
  departureAt: string;
  cutoffAt: string;
  shipments: DispatchShipmentView[];
}

/** One truck run from the station to the airport: every flight with the same cut-off shares it. */
interface DispatchTruck {
  /** Stable id of the run: `<station>-<airport>-<departBy UTC, yyyymmddThhmm>`. */
  truckRunId: string;
  /** Latest time the truck may leave the station: flight cut-off minus the station's truck minutes. */
  departBy: string;
  /** Cut-off at the airport that the truck serves. */
  cutoffAt: string;
  flights: DispatchFlight[];
  shipmentCount: number;
  totalChargeableWeightKg: number;
}

export interface DispatchList {
  stationCode: string;
  airport: HomeHub;
  truckMinutes: number;
  trucks: DispatchTruck[];
}

export interface DispatchEntry {
  leg: ShipmentLegState;
  shipment: Omit<DispatchShipmentView, 'awb' | 'destination' | 'chargeableWeightKg'>;
}

/**
 * Builds the station's truck dispatch list to `airport` from the shipments' current legs.
 *
 * Invariants: only shipments on a leg from `airport` appear (offloaded / wait-listed ones and legs
 * from the other hub do not); a truck's `departBy` = cut-off − `truckMinutes`; trucks are ordered by
 * `departBy`, flights by departure, shipments by AWB — the same input always gives the same list.
 */
export function buildDispatchList(input: { stationCode: string; airport: HomeHub; truckMinutes: number; entries: readonly DispatchEntry[] }): DispatchList {
  const trucks = new Map<number, DispatchTruck>();
  const truckMs = input.truckMinutes * 60_000;
  for (const { leg, shipment } of input.entries) {
    if (!leg.onLeg || leg.origin !== input.airport || !leg.cutoffAt || !leg.flightId || !leg.departureAt) continue;
    const departBy = leg.cutoffAt.getTime() - truckMs;
    let truck = trucks.get(departBy);
    if (!truck) {
      truck = {
        truckRunId: `${input.stationCode}-${input.airport}-${compactUtc(new Date(departBy))}`,
        departBy: new Date(departBy).toISOString(),
        cutoffAt: leg.cutoffAt.toISOString(),
        flights: [],
        shipmentCount: 0,
        totalChargeableWeightKg: 0,
      };
      trucks.set(departBy, truck);
    }
    let flight = truck.flights.find((f) => f.flightId === leg.flightId);
    if (!flight) {
      flight = {
        flightId: leg.flightId,
        flightNumber: leg.flightNumber ?? '',
        aircraftKind: leg.aircraftKind ?? '',
        departureAt: leg.departureAt.toISOString(),
        cutoffAt: leg.cutoffAt.toISOString(),
        shipments: [],
      };
      truck.flights.push(flight);
    }
    flight.shipments.push({ awb: leg.awb, destination: leg.destination, chargeableWeightKg: leg.chargeableWeightKg, ...shipment });
    truck.shipmentCount += 1;
    truck.totalChargeableWeightKg = round2(truck.totalChargeableWeightKg + leg.chargeableWeightKg);
  }
  const sorted = [...trucks.entries()].sort(([a], [b]) => a - b).map(([, truck]) => truck);
  for (const truck of sorted) {
    truck.flights.sort((a, b) => a.departureAt.localeCompare(b.departureAt) || a.flightId.localeCompare(b.flightId));
    for (const flight of truck.flights) flight.shipments.sort((a, b) => a.awb.localeCompare(b.awb));
  }
  return { stationCode: input.stationCode, airport: input.airport, truckMinutes: input.truckMinutes, trucks: sorted };
}

function compactUtc(date: Date): string {
  return date.toISOString().slice(0, 16).replace(/[-:]/g, '');
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
