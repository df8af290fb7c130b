import { chargeableWeightKg, serviceLevelDeadline, type ServiceLevel } from '@cargo/contracts';
import { HOUR_MS, MINUTE_MS, type Flight } from './flight.model';
import type { ShipmentFacts } from './shipment.model';
import { TransportNetwork, type StationTruckTimes } from './transport-network.model';

/** In-memory fixtures for the domain's unit tests (no seeds, no I/O). */
const T0 = Date.parse('2026-11-25T00:00:00Z');
export const at = (hours: number, minutes = 0) => T0 + hours * HOUR_MS + minutes * MINUTE_MS;

export function flight(overrides: Partial<Flight> & Pick<Flight, 'flightNumber'>): Flight {
  const departureAt = overrides.departureAt ?? at(10);
  const cutoffMinutes = overrides.aircraftKind === 'FREIGHTER' ? 180 : 120;
  return {
    flightId: `${overrides.flightNumber}-2026-11-25`,
    carrier: overrides.flightNumber.slice(0, 2),
    origin: 'WUH',
    destination: 'PVG',
    departureAt,
    arrivalAt: departureAt + 2 * HOUR_MS,
    cutoffAt: departureAt - cutoffMinutes * MINUTE_MS,
    aircraftKind: 'BELLY',
    aircraftType: 'A320',
    capacityKg: 3000,
    capacityM3: 15,
    coldChain: false,
    leg: 'FROM_WUHAN',
    status: 'SCHEDULED',
    delayMinutes: 0,
    ...overrides,
  };
}

export function shipment(overrides: Partial<ShipmentFacts> & { serviceLevel?: ServiceLevel } = {}): ShipmentFacts {
  const gross = overrides.grossWeightKg ?? 100;
  const volume = overrides.volumeM3 ?? 0.5;
  const receivedAt = overrides.receivedAt ?? at(0);
  const level = overrides.serviceLevel ?? 'D1';
  return {
    awb: '784-12345675',
    stationCode: 'OVS',
    pieces: 4,
    grossWeightKg: gross,
    volumeM3: volume,
    chargeableWeightKg: chargeableWeightKg(gross, volume),
    destination: 'PVG',
    serviceLevel: level,
    commodityCategory: 'CONSUMER_ELECTRONICS',
    receivedAt,
    deadlineAt: serviceLevelDeadline(new Date(receivedAt), level).getTime(),
    cargoAircraftOnly: false,
    temperatureControlled: false,
    specialHandlingCodes: [],
    dangerousGoods: [],
    ...overrides,
  };
}

const STATIONS: ReadonlyMap<string, StationTruckTimes> = new Map([
  ['OVS', { code: 'OVS', metroArea: true, truckMinutes: { WUH: 45, EHU: 60 } }],
  ['EZS', { code: 'EZS', metroArea: true, truckMinutes: { WUH: 95, EHU: 20 } }],
]);

export const network = (flights: Flight[]) => new TransportNetwork(flights, STATIONS, { PVG: 180, HKG: 150 });

/** AWB with a valid check digit for serial `n`. */
export function awbOf(n: number): string {
  const serial = 1_000_000 + n;
  return `784-${serial}${serial % 7}`;
}
