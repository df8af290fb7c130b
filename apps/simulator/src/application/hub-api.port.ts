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
}
