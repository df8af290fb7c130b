/**
 * How a leg flies: `BELLY` in the hold of a passenger aircraft (mostly WUH), `FREIGHTER` on an
 * all-cargo aircraft (mostly EHU), `TRUCK` on a road-feeder service (flies under a flight number but
 * leaves Hubei by road, so it counts against the air self-transport rate).
 */
export const AIRCRAFT_KINDS = ['BELLY', 'FREIGHTER', 'TRUCK'] as const;
export type AircraftKind = (typeof AIRCRAFT_KINDS)[number];

/** Flight number: 2-character airline designator, 1–4 digits, optional suffix letter (`CZ3481`, `O36921`, `5Y8461`). */
export const FLIGHT_NUMBER_PATTERN = /^[A-Z0-9]{2}\d{1,4}[A-Z]?$/;

/** Flight id: flight number and local departure date, `CZ1234-2026-11-25`; unique per departure. */
export const FLIGHT_ID_PATTERN = /^[A-Z0-9]{2}\d{1,4}[A-Z]?-\d{4}-\d{2}-\d{2}$/;

/** The flight id of a flight number departing on a local date (`YYYY-MM-DD`). */
export function flightIdOf(flightNumber: string, localDepartureDate: string): string {
  return `${flightNumber}-${localDepartureDate}`;
}

/** Share of a flight's weight capacity used, 0..1: booked chargeable weight over capacity kg. */
export function loadFactorOf(chargeableWeightKg: number, capacityKg: number): number {
  if (capacityKg <= 0) return 0;
  return Math.min(1, Math.max(0, chargeableWeightKg / capacityKg));
}
