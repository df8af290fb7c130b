/** A client's id and secret at the token endpoint. */
export interface ClientCredentials {
  id: string;
  secret: string;
}

/** Seconds before expiry when a cached token is replaced. */
const RENEW_BEFORE_S = 60;

/**
 * Access tokens for a machine client by the OAuth 2.0 client credentials grant (RFC 6749 §4.4),
 * with `client_secret_basic` authentication; each token is reused until shortly before it expires.
 * What the simulator and the tests use to call the services like any other client.
 */
export class ClientCredentialsTokenSource {
  private cached: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly tokenUrl: string,
    private readonly credentials: ClientCredentials,
  ) {}

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.renewAt) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** `{ authorization: 'Bearer …' }` for a request. */
  async headers(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token()}` };
  }

  private async fetchToken(): Promise<string> {
    const basic = Buffer.from(`${encodeURIComponent(this.credentials.id)}:${encodeURIComponent(this.credentials.secret)}`).toString('base64');
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
    if (!response.ok || !body.access_token) throw new Error(`token for ${this.credentials.id}: ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim());
    this.cached = { token: body.access_token, renewAt: Date.now() + Math.max(0, (body.expires_in ?? 300) - RENEW_BEFORE_S) * 1000 };
    return body.access_token;
  }
}
