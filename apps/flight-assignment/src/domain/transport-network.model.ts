import type { Flight } from './flight.model';

/** Station reference data the rules need: truck minutes to each Wuhan hub. */
export interface StationTruckTimes {
  code: string;
  metroArea: boolean;
  truckMinutes: Readonly<Record<string, number>>;
}

/**
 * The flights the service can book, indexed for the rules: first legs from WUH/EHU by destination,
 * onward flights by transfer hub and destination, road-feeder trucks; plus stations' truck times and
 * the transfer hubs' minimum connection times.
 *
 * Invariant: read-only once built; rebuild it when the timetable changes.
 */
export class TransportNetwork {
  readonly flights: ReadonlyMap<string, Flight>;
  private readonly fromWuhanByDestination = new Map<string, Flight[]>();
  private readonly onwardByHubAndDestination = new Map<string, Flight[]>();
  private readonly fromWuhanToHub = new Map<string, Flight[]>();
  private readonly roadFeeders: Flight[] = [];

  constructor(
    flights: Iterable<Flight>,
    private readonly stations: ReadonlyMap<string, StationTruckTimes>,
    private readonly minConnectionMinutes: Readonly<Record<string, number>>,
  ) {
    const all = new Map<string, Flight>();
    for (const f of flights) all.set(f.flightId, f);
    this.flights = all;
    const push = (map: Map<string, Flight[]>, key: string, f: Flight) => {
      const list = map.get(key);
      if (list) list.push(f);
      else map.set(key, [f]);
    };
    for (const f of all.values()) {
      if (f.leg === 'FROM_WUHAN') {
        push(this.fromWuhanByDestination, f.destination, f);
        if (this.isTransferHub(f.destination)) push(this.fromWuhanToHub, f.destination, f);
      } else if (f.leg === 'ONWARD') {
        push(this.onwardByHubAndDestination, `${f.origin}>${f.destination}`, f);
      } else {
        this.roadFeeders.push(f);
      }
    }
    const byDeparture = (a: Flight, b: Flight) => a.departureAt - b.departureAt;
    for (const list of [...this.fromWuhanByDestination.values(), ...this.onwardByHubAndDestination.values(), ...this.fromWuhanToHub.values()]) list.sort(byDeparture);
    this.roadFeeders.sort(byDeparture);
  }

  station(code: string): StationTruckTimes | undefined {
    return this.stations.get(code);
  }

  isTransferHub(code: string): boolean {
    return this.minConnectionMinutes[code] !== undefined;
  }

  /** Minimum connection time at a transfer hub, minutes; undefined elsewhere (no air-to-air transfer). */
  mctMinutes(hub: string): number | undefined {
    return this.minConnectionMinutes[hub];
  }

  transferHubs(): string[] {
    return Object.keys(this.minConnectionMinutes);
  }

  directFromWuhan(destination: string): readonly Flight[] {
    return this.fromWuhanByDestination.get(destination) ?? [];
  }

  fromWuhanTo(hub: string): readonly Flight[] {
    return this.fromWuhanToHub.get(hub) ?? [];
  }

  onward(hub: string, destination: string): readonly Flight[] {
    return this.onwardByHubAndDestination.get(`${hub}>${destination}`) ?? [];
  }

  roadFeederTrucks(): readonly Flight[] {
    return this.roadFeeders;
  }

  /** A copy with one flight replaced (delay) or added. */
  withFlight(flight: Flight): TransportNetwork {
    const flights = new Map(this.flights);
    flights.set(flight.flightId, flight);
    return new TransportNetwork(flights.values(), this.stations, this.minConnectionMinutes);
  }
}
