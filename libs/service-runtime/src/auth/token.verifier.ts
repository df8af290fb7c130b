import { Logger } from '@nestjs/common';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { HttpEdgeError } from '../http/http-edge.types';
import { ROLES, type Identity, type Role } from './identity.model';

/** Where a service finds its token issuer. */
export interface TokenIssuerSettings {
  /** `OIDC_ISSUER`: the issuer identifier; unset = no bearer token is accepted. */
  issuer: string | undefined;
  /** `OIDC_AUDIENCE`: the audience every accepted token must name. */
  audience: string;
  /** `OIDC_JWKS_URL`: where the signing keys are; default: the issuer's discovery document. */
  jwksUrl?: string;
}

/** Seconds of clock skew tolerated on `exp`/`nbf`. */
const CLOCK_TOLERANCE_S = 30;

type Jwks = ReturnType<typeof createRemoteJWKSet>;

/**
 * Verifies OAuth 2.0 / OpenID Connect bearer tokens (JWT access tokens) against the issuer's JWKS
 * with `jose`: signature, issuer, audience, expiry and not-before. The JWKS location comes from the
 * issuer's `/.well-known/openid-configuration` (RFC 8414 / OIDC Discovery), fetched on first use
 * and again after a failure; keys are cached and refreshed on an unknown `kid` by `jose`.
 *
 * Invariant: an identity is built only from a verified token's claims.
 */
export class TokenVerifier {
  private readonly logger = new Logger('TokenVerifier');
  private jwks: Promise<Jwks> | undefined;

  constructor(private readonly settings: TokenIssuerSettings) {}

  get configured(): boolean {
    return this.settings.issuer !== undefined && this.settings.issuer !== '';
  }

  /** @throws HttpEdgeError UNAUTHENTICATED for any invalid token; UNAVAILABLE when the issuer cannot be reached. */
  async verify(token: string): Promise<Identity> {
    if (!this.configured) throw new HttpEdgeError('UNAUTHENTICATED', 'This service trusts no token issuer (OIDC_ISSUER is not set); bearer tokens are not accepted.');
    const jwks = await this.keys();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, { issuer: this.settings.issuer, audience: this.settings.audience, clockTolerance: CLOCK_TOLERANCE_S }));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout || (error instanceof Error && /fetch failed|ECONNREFUSED/.test(error.message))) {
        this.jwks = undefined;
        throw new HttpEdgeError('UNAVAILABLE', 'The token issuer cannot be reached to check the token; retry later.');
      }
      throw new HttpEdgeError('UNAUTHENTICATED', `The bearer token is not valid: ${describeJoseError(error)}`);
    }
    return identityOf(payload);
  }

  private keys(): Promise<Jwks> {
    if (!this.jwks) {
      this.jwks = this.locateJwks().then(
        (url) => createRemoteJWKSet(new URL(url), { timeoutDuration: 5_000, cooldownDuration: 30_000 }),
        (error: unknown) => {
          this.jwks = undefined;
          this.logger.warn(`token issuer discovery failed: ${String(error)}`);
          throw new HttpEdgeError('UNAVAILABLE', 'The token issuer cannot be reached to check the token; retry later.');
        },
      );
    }
    return this.jwks;
  }

  private async locateJwks(): Promise<string> {
    if (this.settings.jwksUrl) return this.settings.jwksUrl;
    const issuer = (this.settings.issuer ?? '').replace(/\/$/, '');
    const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    const document = (await response.json()) as { jwks_uri?: unknown; issuer?: unknown };
    if (typeof document.jwks_uri !== 'string') throw new Error('discovery document has no jwks_uri');
    return document.jwks_uri;
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim "${error.claim}" is not acceptable (${error.reason})`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'it is not signed by a key of the trusted issuer';
  if (error instanceof joseErrors.JOSEError) return error.code;
  return 'it is not a JWT';
}

const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : []);

/**
 * The identity a verified token describes. Roles come from `roles` (or Keycloak's
 * `realm_access.roles`); party claims: `station`, `carriers`, `party_id`.
 */
export function identityOf(payload: JWTPayload): Identity {
  const realm = (payload['realm_access'] as { roles?: unknown } | undefined)?.roles;
  const roles = new Set([...strings(payload['roles']), ...strings(realm)].filter(isRole));
  const station = typeof payload['station'] === 'string' && roles.has('station') ? payload['station'].toUpperCase() : undefined;
  const carriers = roles.has('airline') ? strings(payload['carriers']).map((c) => c.toUpperCase()) : [];
  const partyId = typeof payload['party_id'] === 'string' && (roles.has('shipper') || roles.has('forwarder')) ? payload['party_id'] : undefined;
  return { subject: String(payload.sub ?? payload['client_id'] ?? 'unknown'), roles, station, carriers, partyId, via: 'token' };
}
