import { ClientCredentialsTokenSource, type ClientCredentials } from '@cargo/service-runtime';
import { HubApi, HubApiError, type AirlineFlight, type DispatchTruck, type OpenHold, type ShipmentBooking } from '../application/hub-api.port';

/** The parties the simulator plays besides the stations, each its own client of the OpenID provider. */
export type SimulatedParty = 'customs-officer' | 'screener' | 'ops' | 'airline';

interface HubUrls {
  stationIntake: string;
  customsHold: string;
  flightAssignment: string;
  tracking: string;
}

type Json = Record<string, unknown>;

/**
 * The real HTTP APIs of the four services, as station terminals, officers and screeners use them:
 * stations with API keys (created once with the admin key), everyone else with access tokens of
 * their own OpenID client (client credentials).
 */
export class HubApiClient extends HubApi {
  private readonly stationKeys = new Map<string, string>();
  private readonly tokens: Record<Exclude<SimulatedParty, 'airline'>, ClientCredentialsTokenSource>;
  /** The airlines' client; without it (an older hub) the simulator plays no airline. */
  private readonly airline: ClientCredentialsTokenSource | undefined;

  constructor(
    private readonly urls: HubUrls,
    private readonly adminApiKey: string,
    tokenUrl: string,
    clients: Partial<Record<SimulatedParty, ClientCredentials>>,
  ) {
    super();
    const source = (party: SimulatedParty) => {
      const credentials = clients[party];
      if (!credentials) throw new Error(`SIM_CLIENTS has no client for ${party}`);
      return new ClientCredentialsTokenSource(tokenUrl, credentials);
    };
    this.tokens = { 'customs-officer': source('customs-officer'), screener: source('screener'), ops: source('ops') };
    this.airline = clients.airline ? new ClientCredentialsTokenSource(tokenUrl, clients.airline) : undefined;
  }

  get playsAirlines(): boolean {
    return this.airline !== undefined;
  }

  private async asAirline(): Promise<Record<string, string>> {
    if (!this.airline) throw new Error('SIM_CLIENTS has no client for airline');
    return this.airline.headers();
  }

  private officer(role: 'CUSTOMS_OFFICER' | 'SECURITY_SCREENER'): Promise<Record<string, string>> {
    return this.tokens[role === 'CUSTOMS_OFFICER' ? 'customs-officer' : 'screener'].headers();
  }

  private async call<T>(url: string, init: RequestInit & { headers?: Record<string, string> }, what: string, accept: number[] = []): Promise<{ status: number; body: T }> {
    const response = await fetch(url, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    const body = (text ? JSON.parse(text) : undefined) as T;
    if (!response.ok && !accept.includes(response.status)) throw new HubApiError(response.status, body, what);
    return { status: response.status, body };
  }

  private async stationKey(station: string): Promise<string> {
    const known = this.stationKeys.get(station);
    if (known) return known;
    const { body } = await this.call<{ apiKey: string }>(
      `${this.urls.stationIntake}/v1/admin/stations/${station}/api-keys`,
      { method: 'POST', headers: { 'x-api-key': this.adminApiKey }, body: JSON.stringify({ label: 'traffic simulator' }) },
      `create key for ${station}`,
    );
    this.stationKeys.set(station, body.apiKey);
    return body.apiKey;
  }

  /** Registers an intake; 200/201 = accepted, 4xx returned (the simulator counts rejections). */
  async postIntake(station: string, intake: Json): Promise<number> {
    const key = await this.stationKey(station);
    const { status } = await this.call(
      `${this.urls.stationIntake}/v1/stations/${station}/intakes`,
      { method: 'POST', headers: { 'x-api-key': key }, body: JSON.stringify(intake) },
      `intake ${String(intake['awb'])}`,
      [400, 409, 422],
    );
    return status;
  }

  async postScan(station: string, scan: Json): Promise<number> {
    const key = await this.stationKey(station);
    const { status } = await this.call(
      `${this.urls.stationIntake}/v1/stations/${station}/scans`,
      { method: 'POST', headers: { 'x-api-key': key }, body: JSON.stringify(scan) },
      `scan ${String(scan['code'])} ${String(scan['awb'])}`,
      [400, 404, 409],
    );
    return status;
  }

  async dispatch(station: string, airport: 'WUH' | 'EHU'): Promise<DispatchTruck[]> {
    const key = await this.stationKey(station);
    const { body } = await this.call<{ trucks: DispatchTruck[] }>(
      `${this.urls.stationIntake}/v1/stations/${station}/dispatch?airport=${airport}`,
      { method: 'GET', headers: { 'x-api-key': key } },
      `dispatch ${station} ${airport}`,
    );
    return body.trucks;
  }

  async openHolds(): Promise<OpenHold[]> {
    const { body } = await this.call<{ items: OpenHold[] }>(
      `${this.urls.customsHold}/v1/holds?limit=500`,
      { method: 'GET', headers: await this.officer('CUSTOMS_OFFICER') },
      'open holds',
    );
    return body.items;
  }

  /** An officer or screener acts on a case; 409 (state moved on) is an answer, not an error. */
  async act(
    awb: string,
    action: 'releases' | 'screening-results' | 'lab-results',
    role: 'CUSTOMS_OFFICER' | 'SECURITY_SCREENER',
    body: Json,
  ): Promise<number> {
    const { status } = await this.call(
      `${this.urls.customsHold}/v1/cases/${awb}/${action}`,
      { method: 'POST', headers: await this.officer(role), body: JSON.stringify(body) },
      `${action} ${awb}`,
      [404, 409],
    );
    return status;
  }

  async airlineFlights(airport: string, date: string): Promise<AirlineFlight[]> {
    const { body } = await this.call<{ items: AirlineFlight[] }>(
      `${this.urls.flightAssignment}/v1/flights?airport=${airport}&date=${date}`,
      { method: 'GET', headers: await this.asAirline() },
      `flights ${airport} ${date}`,
    );
    return body.items;
  }

  async manifest(flightId: string): Promise<{ awb: string; pieces: number }[] | undefined> {
    const { status, body } = await this.call<{ shipments?: { awb: string; pieces: number }[] }>(
      `${this.urls.flightAssignment}/v1/flights/${flightId}/manifest`,
      { method: 'GET', headers: await this.asAirline() },
      `manifest ${flightId}`,
      [404, 409],
    );
    return status === 200 ? (body.shipments ?? []) : undefined;
  }

  async shipmentBooking(awb: string): Promise<ShipmentBooking | undefined> {
    const { status, body } = await this.call<ShipmentBooking>(
      `${this.urls.flightAssignment}/v1/shipments/${awb}`,
      { method: 'GET', headers: await this.asAirline() },
      `booking ${awb}`,
      [403, 404],
    );
    return status === 200 ? body : undefined;
  }

  async reportFlightStatus(flightId: string, body: Json): Promise<number> {
    const { status } = await this.call(
      `${this.urls.flightAssignment}/v1/flights/${flightId}/status`,
      { method: 'POST', headers: await this.asAirline(), body: JSON.stringify(body) },
      `${String(body['code'])} ${flightId}`,
      [400, 404, 409],
    );
    return status;
  }

  async reportShipmentStatus(awb: string, body: Json): Promise<number> {
    const { status } = await this.call(
      `${this.urls.flightAssignment}/v1/shipments/${awb}/status`,
      { method: 'POST', headers: await this.asAirline(), body: JSON.stringify(body) },
      `${String(body['code'])} ${awb}`,
      [400, 403, 404, 409],
    );
    return status;
  }

  async kpis(): Promise<Json> {
    const { body } = await this.call<Json>(`${this.urls.tracking}/v1/kpis`, { method: 'GET', headers: await this.tokens.ops.headers() }, 'kpis');
    return body;
  }

  /** How many shipments tracking shows with `status` (its search total). */
  async shipmentTotal(status: string): Promise<number> {
    const { body } = await this.call<{ total: number }>(
      `${this.urls.tracking}/v1/shipments?status=${encodeURIComponent(status)}&pageSize=1`,
      { method: 'GET', headers: await this.tokens.ops.headers() },
      `shipments ${status}`,
    );
    return body.total;
  }

  /** Flight assignment's open exceptions (nothing can carry them), oldest first. */
  async openExceptions(): Promise<Array<{ awb: string; reason: { code: string; explanation: string } }>> {
    const { body } = await this.call<{ items: Array<{ awb: string; reason: { code: string; explanation: string } }> }>(
      `${this.urls.flightAssignment}/v1/exceptions`,
      { method: 'GET', headers: await this.tokens.ops.headers() },
      'open exceptions',
    );
    return body.items;
  }
}

