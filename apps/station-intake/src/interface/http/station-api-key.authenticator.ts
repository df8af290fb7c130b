import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyAuthenticator, HttpEdgeError, type Identity } from '@cargo/service-runtime';
import { ManageApiKeysUseCase } from '../../application/manage-api-keys.use-case';
import { StationIntakeConfig } from '../../config/station-intake.config';
import { secretsEqual } from '../../domain/api-key.model';

/**
 * API keys of station-intake (`x-api-key`), for the routes that accept them: a station terminal's
 * key is the `station` role for its own station (subject `api-key:<key id>`); the bootstrap admin
 * key (ADMIN_API_KEY, when set) is the `admin` role. Anything else is 401, and says nothing about
 * which stations or keys exist.
 */
@Injectable()
export class StationApiKeyAuthenticator extends ApiKeyAuthenticator {
  constructor(
    @Inject(ManageApiKeysUseCase) private readonly keys: ManageApiKeysUseCase,
    @Inject(StationIntakeConfig) private readonly config: StationIntakeConfig,
  ) {
    super();
  }

  async authenticate(key: string): Promise<Identity> {
    const adminKey = this.config.ADMIN_API_KEY;
    if (adminKey && secretsEqual(key, adminKey)) return { subject: 'admin-api-key', roles: new Set(['admin']), carriers: [], via: 'api-key' };
    const resolved = await this.keys.resolve(key.trim());
    if (!resolved) throw new HttpEdgeError('UNAUTHENTICATED', 'The API key is not valid (unknown, revoked or expired).');
    return { subject: `api-key:${resolved.keyId}`, roles: new Set(['station']), station: resolved.stationCode, carriers: [], via: 'api-key' };
  }
}
