import { AIRPORTS, STATIONS } from '@cargo/seeds';
import type { Flight } from '../domain/flight.model';
import { TransportNetwork, type StationTruckTimes } from '../domain/transport-network.model';

/** Stations' truck times to WUH/EHU, from the seeds. */
const STATION_TRUCK_TIMES: ReadonlyMap<string, StationTruckTimes> = new Map(
  STATIONS.map((s) => [s.code, { code: s.code, metroArea: s.metroArea, truckMinutes: s.truckMinutes }]),
);

/** Minimum connection times of the transfer hubs (PVG, HKG), from the seeds. */
const MIN_CONNECTION_MINUTES: Readonly<Record<string, number>> = Object.fromEntries(
  AIRPORTS.filter((a) => a.minConnectionMinutes !== undefined).map((a) => [a.code, a.minConnectionMinutes!]),
);

/** The network of `flights` with the seeded stations and transfer hubs. */
export function networkOf(flights: Iterable<Flight>): TransportNetwork {
  return new TransportNetwork(flights, STATION_TRUCK_TIMES, MIN_CONNECTION_MINUTES);
}
