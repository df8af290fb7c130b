import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** Claims of a test party's token (see `Identity` in @cargo/service-runtime). */
export interface TestPartyClaims {
  sub: string;
  roles: string[];
  station?: string;
  carriers?: string[];
  party_id?: string;
}

/**
 * A stand-in for an external OpenID provider in in-process service tests: it publishes an OIDC
 * discovery document and a JWKS over HTTP on loopback, exactly what the services fetch from a real
 * issuer, and signs ES256 access tokens with its own key. Tests use it to mint the tokens a real
 * provider would (and the ones it never would: expired, wrong audience); a second instance is
 * "another issuer". The services' verification code is the real one.
 */
export interface TestTokenIssuer {
  issuer: string;
  token(claims: TestPartyClaims, options?: { audience?: string; expiresInSeconds?: number; issuedSecondsAgo?: number }): Promise<string>;
  close(): Promise<void>;
}

export async function startTestTokenIssuer(audience = 'urn:cargo-hub'): Promise<TestTokenIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = randomUUID();
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  let issuer = '';
  const server: Server = createServer((req, res) => {
    const body =
      req.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token`, id_token_signing_alg_values_supported: ['ES256'] }
        : req.url === '/jwks'
          ? { keys: [jwk] }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { error: 'not_found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    issuer,
    async token(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000) - (options.issuedSecondsAgo ?? 0);
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' })
        .setIssuer(issuer)
        .setAudience(options.audience ?? audience)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresInSeconds ?? 600))
        .setJti(randomUUID())
        .sign(privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
