import { loadFactorOf, manifestTotalsOf, type AircraftKind, type HomeHub } from '@cargo/contracts';
import { isoOf, type Flight } from './flight.model';
import type { DgLine, ShipmentFacts } from './shipment.model';

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
  };
}

/** Builds the manifest of `flight` (a first leg from WUH/EHU) from the shipments booked on it. */
export function buildManifest(flight: Flight, shipments: readonly ShipmentFacts[], closedAt: number): Manifest {
  const lines = [...shipments].sort((a, b) => a.awb.localeCompare(b.awb)).map(manifestLineOf);
  const totals = manifestTotalsOf(lines);
  return {
    flightId: flight.flightId,
    flightNumber: flight.flightNumber,
    origin: flight.origin as HomeHub,
    destination: flight.destination,
    departureAt: isoOf(flight.departureAt),
    aircraftKind: flight.aircraftKind,
    aircraftType: flight.aircraftType,
    capacity: { kg: flight.capacityKg, m3: flight.capacityM3 },
    shipments: lines,
    totals: { pieces: totals.pieces, grossWeightKg: totals.grossWeightKg, volumeM3: totals.volumeM3, chargeableWeightKg: totals.chargeableWeightKg },
    loadFactor: Math.round(loadFactorOf(totals.chargeableWeightKg, flight.capacityKg) * 10_000) / 10_000,
    closedAt: isoOf(closedAt),
  };
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * Cargo-IMP FFM-style text (airline flight manifest message): header `FFM/8`, the flight line
 * (`1/<flight>/<ddMMM>/<origin>/<registration-less>`), the point of unloading, one consignment line per
 * AWB (`<awb>/<origin><destination>/T<pieces>K<kg>MC<m3>`) with its special handling codes (`/SHC`),
 * DG lines (`/DGR`), then `LAST`. Weights in kg with one decimal, volume in m³ with two.
 */
export function formatFfm(m: Manifest): string {
  const dep = new Date(m.departureAt);
  const day = `${String(dep.getUTCDate()).padStart(2, '0')}${MONTHS[dep.getUTCMonth()]}`;
  const hhmm = `${String(dep.getUTCHours()).padStart(2, '0')}${String(dep.getUTCMinutes()).padStart(2, '0')}`;
  const lines = ['FFM/8', `1/${m.flightNumber}/${day}${hhmm}/${m.origin}/${m.aircraftType}`, m.destination];
  for (const s of m.shipments) {
    lines.push(`${s.awb}/${m.origin}${s.destination}/T${s.pieces}K${s.grossWeightKg.toFixed(1)}MC${s.volumeM3.toFixed(2)}/CW${s.chargeableWeightKg.toFixed(1)}`);
    if (s.specialHandlingCodes.length > 0) lines.push(`/${s.specialHandlingCodes.join('/')}`);
    for (const d of s.dangerousGoods) {
      lines.push(`/DGR/${d.unNumber}/CL${d.class}/${d.packingInstruction}${d.cargoAircraftOnly || s.cargoAircraftOnly ? '/CAO' : ''}`);
    }
  }
  lines.push(
    `TOT/T${m.totals.pieces}K${m.totals.grossWeightKg.toFixed(1)}MC${m.totals.volumeM3.toFixed(2)}/CW${m.totals.chargeableWeightKg.toFixed(1)}/LF${(m.loadFactor * 100).toFixed(1)}`,
  );
  lines.push('LAST');
  return `${lines.join('\n')}\n`;
}
