import { loadFactorOf, manifestTotalsOf, type AircraftKind, type HomeHub } from '@cargo/contracts';
import { registrationFor } from '@cargo/seeds';
import { isoOf, type Flight } from './flight.model';
import type { DgLine, HouseWaybill, ShipmentFacts, WaybillParty } from './shipment.model';

interface ManifestLine {
  awb: string;
  stationCode: string;
  pieces: number;
  grossWeightKg: number;
  volumeM3: number;
  chargeableWeightKg: number;
  specialHandlingCodes: string[];
  dangerousGoods: DgLine[];
  cargoAircraftOnly: boolean;
  /** Final destination of the shipment (differs from the flight's for transfer cargo). */
  destination: string;
  /** The goods as the intake described them (the FFM carries the first 15 characters). */
  goodsDescription?: string;
  /** Consignee of the air waybill, when named. */
  consignee?: WaybillParty;
  /** House waybills of a consolidation, each with its consignee. */
  houseWaybills?: HouseWaybill[];
}

/**
 * A flight's manifest as closed at cut-off: the shape of `flight.manifest.v1`'s payload plus the
 * lines' final destinations (for the FFM text).
 *
 * Invariants: each AWB once; totals = sum of lines; loadFactor = totals.chargeableWeightKg / capacity.kg (≤ 1).
 */
export interface Manifest {
  flightId: string;
  flightNumber: string;
  origin: HomeHub;
  destination: string;
  departureAt: string;
  aircraftKind: AircraftKind;
  aircraftType: string;
  /** Registration of the aircraft (from the fleet seeds; none for trucks or unknown fleets). */
  aircraftRegistration?: string;
  capacity: { kg: number; m3: number };
  shipments: ManifestLine[];
  totals: { pieces: number; grossWeightKg: number; volumeM3: number; chargeableWeightKg: number };
  loadFactor: number;
  closedAt: string;
}

function manifestLineOf(s: ShipmentFacts): ManifestLine {
  return {
    awb: s.awb,
    stationCode: s.stationCode,
    pieces: s.pieces,
    grossWeightKg: s.grossWeightKg,
    volumeM3: s.volumeM3,
    chargeableWeightKg: s.chargeableWeightKg,
    specialHandlingCodes: [...s.specialHandlingCodes],
    dangerousGoods: s.dangerousGoods.map((d) => ({ ...d })),
    cargoAircraftOnly: s.cargoAircraftOnly,
    destination: s.destination,
    ...(s.goodsDescription ? { goodsDescription: s.goodsDescription } : {}),
    ...(s.consignee ? { consignee: { ...s.consignee } } : {}),
    ...(s.houseWaybills ? { houseWaybills: s.houseWaybills.map((h) => ({ ...h, consignee: { ...h.consignee }, ...(h.shipper ? { shipper: { ...h.shipper } } : {}) })) } : {}),
  };
}

/** Builds the manifest of `flight` (a first leg from WUH/EHU) from the shipments booked on it. */
export function buildManifest(flight: Flight, shipments: readonly ShipmentFacts[], closedAt: number): Manifest {
  const lines = [...shipments].sort((a, b) => a.awb.localeCompare(b.awb)).map(manifestLineOf);
  const totals = manifestTotalsOf(lines);
  const aircraftRegistration = flight.aircraftKind === 'TRUCK' ? undefined : registrationFor(flight.carrier, flight.aircraftType, flight.flightNumber);
  return {
    flightId: flight.flightId,
    flightNumber: flight.flightNumber,
    origin: flight.origin as HomeHub,
    destination: flight.destination,
    departureAt: isoOf(flight.departureAt),
    aircraftKind: flight.aircraftKind,
    aircraftType: flight.aircraftType,
    ...(aircraftRegistration ? { aircraftRegistration } : {}),
    capacity: { kg: flight.capacityKg, m3: flight.capacityM3 },
    shipments: lines,
    totals: { pieces: totals.pieces, grossWeightKg: totals.grossWeightKg, volumeM3: totals.volumeM3, chargeableWeightKg: totals.chargeableWeightKg },
    loadFactor: Math.round(loadFactorOf(totals.chargeableWeightKg, flight.capacityKg) * 10_000) / 10_000,
    closedAt: isoOf(closedAt),
  };
}
