import { ClientCredentialsTokenSource } from '@cargo/service-runtime';
import { waitFor } from '@cargo/testing';
import type { HubIdentity } from '../hub.launcher';

export type Json = Record<string, unknown> & { [key: string]: unknown };

/**
 * Thin JSON-over-HTTP client for the lifecycle scenarios (the same calls terminals and officers
 * make): stations with their API keys, every other party with an access token of its own client of
 * the hub's OpenID provider. A request without a credential of its own goes as operations (`demo-ops`).
 */
export class HubTestClient {
  private readonly stationKeys = new Map<string, string>();
  private readonly tokenSources = new Map<string, ClientCredentialsTokenSource>();

  constructor(
    readonly urls: Record<'station-intake' | 'customs-hold' | 'flight-assignment' | 'tracking', string>,
    private readonly adminKey: string,
    private readonly identity: HubIdentity,
  ) {}

  /** `{ authorization: 'Bearer …' }` of one of the hub's demo clients (e.g. `demo-ops`). */
  async as(clientId: string): Promise<Record<string, string>> {
    let source = this.tokenSources.get(clientId);
    if (!source) {
      const client = this.identity.clients.find((c) => c.client_id === clientId);
      if (!client) throw new Error(`the hub's provider has no client ${clientId}`);
      source = new ClientCredentialsTokenSource(this.identity.tokenUrl, { id: client.client_id, secret: client.client_secret });
      this.tokenSources.set(clientId, source);
    }
    return source.headers();
  }

  async request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: Json }> {
    const credential = headers ?? (await this.as('demo-ops'));
    const response = await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', ...credential },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json };
  }

  async stationKey(station: string): Promise<string> {
    const known = this.stationKeys.get(station);
    if (known) return known;
    const { status, body } = await this.request(
      'POST',
      `${this.urls['station-intake']}/v1/admin/stations/${station}/api-keys`,
      { label: 'lifecycle test' },
      { 'x-api-key': this.adminKey },
    );
    if (status !== 201 && status !== 200) throw new Error(`station key: ${status} ${JSON.stringify(body)}`);
    this.stationKeys.set(station, String(body['apiKey']));
    return String(body['apiKey']);
  }

  async intake(station: string, intake: Json): Promise<{ status: number; body: Json }> {
    return this.request('POST', `${this.urls['station-intake']}/v1/stations/${station}/intakes`, intake, {
      'x-api-key': await this.stationKey(station),
    });
  }

  async dispatch(station: string, airport: string): Promise<Json> {
    const { body } = await this.request('GET', `${this.urls['station-intake']}/v1/stations/${station}/dispatch?airport=${airport}`, undefined, {
      'x-api-key': await this.stationKey(station),
    });
    return body;
  }

  officer(role: 'CUSTOMS_OFFICER' | 'SECURITY_SCREENER'): Promise<Record<string, string>> {
    return this.as(role === 'CUSTOMS_OFFICER' ? 'demo-customs-officer' : 'demo-screener');
  }

  async customsCase(awb: string): Promise<Json | undefined> {
    const { status, body } = await this.request('GET', `${this.urls['customs-hold']}/v1/cases/${awb}`, undefined, await this.officer('CUSTOMS_OFFICER'));
    return status === 200 ? body : undefined;
  }

  async customsAct(awb: string, action: 'releases' | 'holds' | 'screening-results' | 'lab-results', role: 'CUSTOMS_OFFICER' | 'SECURITY_SCREENER', body: Json) {
    return this.request('POST', `${this.urls['customs-hold']}/v1/cases/${awb}/${action}`, body, await this.officer(role));
  }

  async tracking(awb: string): Promise<Json | undefined> {
    const { status, body } = await this.request('GET', `${this.urls['tracking']}/v1/shipments/${awb}`);
    return status === 200 ? body : undefined;
  }

  /** Waits until tracking shows the AWB with a status in `statuses`; returns the view. */
  trackingStatus(awb: string, statuses: string[], timeoutMs = 30_000): Promise<Json> {
    return waitFor(
      async () => {
        const view = await this.tracking(awb);
        return view && statuses.includes(String(view['status'])) ? view : undefined;
      },
      { timeoutMs, description: `tracking to show ${awb} as ${statuses.join('/')}` },
    );
  }

  async booking(awb: string): Promise<Json | undefined> {
    const { status, body } = await this.request('GET', `${this.urls['flight-assignment']}/v1/shipments/${awb}`);
    return status === 200 ? body : undefined;
  }

  async flight(flightId: string): Promise<Json> {
    return (await this.request('GET', `${this.urls['flight-assignment']}/v1/flights/${flightId}`)).body;
  }

  async advanceClock(minutes: number): Promise<Json> {
    const { status, body } = await this.request('POST', `${this.urls['flight-assignment']}/v1/ops/clock/advance`, { minutes });
    if (status >= 300) throw new Error(`advance clock: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  async clock(): Promise<Date> {
    const { body } = await this.request('GET', `${this.urls['flight-assignment']}/v1/ops/clock`);
    return new Date(String(body['now']));
  }
}
