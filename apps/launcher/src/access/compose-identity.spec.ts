import { WORKSPACE_ROOT } from '@cargo/testing';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

type ComposeService = { environment?: Record<string, string | number>; ports?: string[] };

/** A deployment from docker-compose.yml has an identity provider every service trusts, and an admin secret it does not hard-code. */
describe('docker-compose.yml: identity', () => {
  const compose = parse(readFileSync(resolve(WORKSPACE_ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

  it('runs an OpenID provider and points every service at it as the issuer', () => {
    const idp = compose.services['identity-provider'];
    expect(idp?.environment?.['IDP_ISSUER']).toBe('http://identity-provider:3100');
    for (const service of ['station-intake', 'customs-hold', 'flight-assignment', 'tracking']) {
      expect([service, compose.services[service]?.environment?.['OIDC_ISSUER']]).toEqual([service, idp?.environment?.['IDP_ISSUER']]);
      expect(compose.services[service]?.environment?.['OIDC_AUDIENCE']).toBe(idp?.environment?.['OIDC_AUDIENCE']);
    }
  });

  it('takes the admin key from the environment, required, never a value in the file', () => {
    expect(String(compose.services['station-intake']?.environment?.['ADMIN_API_KEY'])).toMatch(/^\$\{ADMIN_API_KEY:\?/);
  });
});
