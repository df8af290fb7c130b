import type { AssignedOutcome, AssignmentFailedPayload, FlightAssignedPayload, FlightManifestClosedPayload, HomeHub } from '@cargo/contracts';
import { isoOf } from '../domain/flight.model';
import type { Itinerary } from '../domain/itinerary.rules';
import type { Manifest } from '../domain/manifest.builder';
import type { ShipmentFacts } from '../domain/shipment.model';

interface Reason {
  code: string;
  explanation: string;
}

/** `flight.assigned` for a shipment placed on `itinerary`. */
export function flightAssignedPayload(
  s: ShipmentFacts,
  it: Itinerary,
  outcome: AssignedOutcome,
  decidedAt: number,
  reason?: Reason,
  previousFlightId?: string,
  /** The new promised arrival when the itinerary cannot keep the 1-2-3 promise (epoch ms). */
  revisedPromise?: number,
): FlightAssignedPayload {
  const payload: FlightAssignedPayload = {
    awb: s.awb,
    stationCode: s.stationCode,
    outcome,
    flightId: it.first.flightId,
    flightNumber: it.first.flightNumber,
    origin: it.first.origin as HomeHub,
    destination: s.destination,
    departureAt: isoOf(it.first.departureAt),
    cutoffAt: isoOf(it.first.cutoffAt),
    arrivalAt: isoOf(it.first.arrivalAt),
    truckDepartBy: isoOf(it.truckDepartBy),
    aircraftKind: it.first.aircraftKind,
    chargeableWeightKg: s.chargeableWeightKg,
    decidedAt: isoOf(decidedAt),
  };
  if (it.connection) {
    payload.connection = {
      flightId: it.connection.flightId,
      flightNumber: it.connection.flightNumber,
      via: it.first.destination as 'PVG' | 'HKG',
      departureAt: isoOf(it.connection.departureAt),
      arrivalAt: isoOf(it.connection.arrivalAt),
    };
  }
  if (reason) payload.reason = { ...reason };
  if (previousFlightId) payload.previousFlightId = previousFlightId;
  if (revisedPromise !== undefined) payload.revisedPromise = isoOf(revisedPromise);
  return payload;
}

export function assignmentFailedPayload(
  s: ShipmentFacts,
  outcome: 'WAITLISTED' | 'OFFLOADED' | 'EXCEPTION',
  reason: Reason,
  decidedAt: number,
  extra: { previousFlightId?: string; retryUntil?: number } = {},
): AssignmentFailedPayload {
  const payload: AssignmentFailedPayload = {
    awb: s.awb,
    stationCode: s.stationCode,
    outcome,
    reason: { ...reason },
    destination: s.destination,
    chargeableWeightKg: s.chargeableWeightKg,
    decidedAt: isoOf(decidedAt),
  };
  if (extra.previousFlightId) payload.previousFlightId = extra.previousFlightId;
  if (extra.retryUntil !== undefined && Number.isFinite(extra.retryUntil)) payload.retryUntil = isoOf(extra.retryUntil);
  return payload;
}

/** The `flight.manifest.v1` payload of a closed manifest (lines without the service-internal destination). */
export function manifestClosedPayload(m: Manifest): FlightManifestClosedPayload {
  return {
    flightId: m.flightId,
    flightNumber: m.flightNumber,
    origin: m.origin,
    destination: m.destination,
    departureAt: m.departureAt,
    aircraftKind: m.aircraftKind,
    aircraftType: m.aircraftType,
    ...(m.aircraftRegistration ? { aircraftRegistration: m.aircraftRegistration } : {}),
    capacity: { ...m.capacity },
    shipments: m.shipments.map(({ destination: _destination, ...line }) => ({
      ...line,
      specialHandlingCodes: [...line.specialHandlingCodes],
      dangerousGoods: line.dangerousGoods.map((d) => ({ ...d })),
    })) as FlightManifestClosedPayload['shipments'],
    totals: { ...m.totals },
    loadFactor: m.loadFactor,
    closedAt: m.closedAt,
  };
}
