/**
 * The port through which the simulation drives the hub: the services' APIs as station terminals,
 * officers and screeners use them. Implemented over HTTP in infrastructure/hub-api.client.ts.
 */

/** A failed call with the service's error body (`{ error: { code, message, fields } }`). */
export class HubApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

export interface OpenHold {
  awb: string;
  stationCode: string;
  commodityCategory: string;
  heldSince?: string;
  holds: { code: string; explanation?: string }[];
}

export interface DispatchTruck {
  truckRunId: string;
  departBy: string;
  flights: { flightId: string; flightNumber: string; shipments: { awb: string; loadedAt: string | null; truckDepartedAt: string | null }[] }[];
}

/** A flight as an airline sees it in flight-assignment (`GET /v1/flights`). */
export interface AirlineFlight {
  flightId: string;
  flightNumber: string;
  origin: string;
  destination: string;
  departureAt: string;
  arrivalAt: string;
  leg: string;
  status: string;
  booked: { kg: number };
}

/** A shipment's booking as flight-assignment shows it (`GET /v1/shipments/{awb}`). */
export interface ShipmentBooking {
  awb: string;
  booking?: { flightId: string; connectionFlightId?: string };
}

/**
 * Invariants: a call either answers (an accepted status, or a 4xx the method documents as an
 * answer) or rejects with {@link HubApiError}; network failures reject with whatever the transport throws.
 */
export abstract class HubApi {
  /** Registers an intake; 200/201 = accepted, 400/409/422 returned (the simulator counts rejections). */
  abstract postIntake(station: string, intake: Record<string, unknown>): Promise<number>;
  /** Posts a station scan; 400/404/409 are returned, not thrown. */
  abstract postScan(station: string, scan: Record<string, unknown>): Promise<number>;
  /** The station's truck dispatch list to an airport. */
  abstract dispatch(station: string, airport: 'WUH' | 'EHU'): Promise<DispatchTruck[]>;
  /** Open customs holds, oldest first. */
  abstract openHolds(): Promise<OpenHold[]>;
  /** An officer or screener acts on a case; 404/409 (state moved on) are answers, not errors. */
  abstract act(
    awb: string,
    action: 'releases' | 'screening-results' | 'lab-results',
    role: 'CUSTOMS_OFFICER' | 'SECURITY_SCREENER',
    body: Record<string, unknown>,
  ): Promise<number>;

  /** Whether the hub gave the simulator an airline client (SIM_CLIENTS `airline`). */
  abstract readonly playsAirlines: boolean;
  /** As the airline: its flights departing `airport` on a local date. */
  abstract airlineFlights(airport: string, date: string): Promise<AirlineFlight[]>;
  /** As the airline: a closed flight's manifest lines (awb, pieces); undefined while it is open or for onward flights. */
  abstract manifest(flightId: string): Promise<{ awb: string; pieces: number }[] | undefined>;
  /** As the airline: where a shipment on its flights is booked; undefined when it is not (404/403). */
  abstract shipmentBooking(awb: string): Promise<ShipmentBooking | undefined>;
  /** As the airline: a flight's DEP or ARR; 400/404/409 are answers (the status), not errors. */
  abstract reportFlightStatus(flightId: string, body: Record<string, unknown>): Promise<number>;
  /** As the airline: a shipment's RCF, NFD, DLV or transfer; 400/403/404/409 are answers, not errors. */
  abstract reportShipmentStatus(awb: string, body: Record<string, unknown>): Promise<number>;
}
