import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoPartyClients, type PartyClient } from './demo-parties.config';

export interface EmbeddedProviderOptions {
  /** The issuer identifier, e.g. http://127.0.0.1:3100 (what the services set as OIDC_ISSUER). */
  issuer: string;
  host: string;
  port: number;
  /** Where the signing key and the clients (with their secrets) are kept between runs. */
  dataDir: string;
  /** The audience of every access token (the services' OIDC_AUDIENCE). */
  audience: string;
  /** Access token lifetime in seconds. */
  accessTokenTtlSeconds: number;
}

export interface RunningProvider {
  issuer: string;
  clients: PartyClient[];
  close(): Promise<void>;
}

/** The signing key of the data folder (ES256), made on first start and kept, so tokens survive a restart. */
async function signingKey(dataDir: string): Promise<JWK> {
  const file = resolve(dataDir, 'signing-key.jwk.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), alg: 'ES256', use: 'sig', kid: `hub-${Date.now().toString(36)}` };
  writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

/**
 * The clients of the data folder, made on first start (random secrets) and kept; a demo client added
 * to the hub since (e.g. `sim-airline`) joins the kept ones on the next start, with a fresh secret.
 */
function partyClients(dataDir: string): PartyClient[] {
  const file = resolve(dataDir, 'clients.json');
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PartyClient[]) : [];
  const added = demoPartyClients().filter((c) => !kept.some((k) => k.client_id === c.client_id));
  if (added.length > 0 || !existsSync(file)) writeFileSync(file, JSON.stringify([...kept, ...added], null, 2), { mode: 0o600 });
  return [...kept, ...added];
}

/**
 * The one-machine hub's OpenID provider: `oidc-provider` (an OpenID Certified™ implementation)
 * configured for the OAuth 2.0 client credentials grant, issuing JWT access tokens (RFC 9068) for one
 * audience, signed ES256, with the party's claims (`roles`, `station`, `carriers`, `party_id`).
 * Discovery at `/.well-known/openid-configuration`, keys at its `jwks_uri`. Token issuing is the
 * library's; this file only configures it.
 */
export async function startEmbeddedProvider(options: EmbeddedProviderOptions): Promise<RunningProvider> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const clients = partyClients(options.dataDir);
  const key = await signingKey(options.dataDir);
  // oidc-provider is an ES module: loaded at run time (Node 20.19+ can require it too).
  const { default: Provider } = await import('oidc-provider');
  const claimsOf = (clientId: string | undefined) => {
    const client = clients.find((c) => c.client_id === clientId);
    return client ? { roles: client.roles, ...(client.station ? { station: client.station } : {}), ...(client.carriers ? { carriers: client.carriers } : {}), ...(client.party_id ? { party_id: client.party_id } : {}) } : {};
  };
  const provider = new Provider(options.issuer, {
    clients: clients.map((c) => ({
      client_id: c.client_id,
      client_secret: c.client_secret,
      grant_types: ['client_credentials'],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
    })),
    // Only the client credentials grant is used, so no cookie carries anything; keys still sign them.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    clientBasedCORS: () => false,
    jwks: { keys: [key] },
    scopes: ['api'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => options.audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== options.audience) throw new Error(`unknown resource ${resource}`);
          return { scope: 'api', audience: options.audience, accessTokenTTL: options.accessTokenTtlSeconds, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => claimsOf('clientId' in token ? token.clientId : undefined),
  });
  const server = provider.listen(options.port, options.host);
  await new Promise<void>((resolveListening, reject) => {
    server.once('listening', () => resolveListening());
    server.once('error', reject);
  });
  return {
    issuer: options.issuer,
    clients,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
