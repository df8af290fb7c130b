import type { Identity } from './identity.model';

/**
 * A service that accepts API keys (`x-api-key`) besides bearer tokens provides this: station-intake
 * for station terminals and its bootstrap admin key. Services without it accept tokens only.
 *
 * Invariant: returns an identity only for a known, unrevoked, unexpired key; otherwise throws
 * `HttpEdgeError('UNAUTHENTICATED')`.
 */
export abstract class ApiKeyAuthenticator {
  abstract authenticate(key: string): Promise<Identity>;
}
