import { Inject, Injectable } from '@nestjs/common';
import { findStation } from '@cargo/seeds';
import { apiKeyMatches, issueApiKey, keyIdOf } from '../domain/api-key.model';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { ApiKeyStore } from './station-intake.ports';

export interface CreatedApiKey {
  keyId: string;
  stationCode: string;
  /** Shown once; only its hash is stored. */
  apiKey: string;
  label: string | null;
  createdAt: string;
}

/** Issues station API keys (admin) and resolves a presented key to its station. */
@Injectable()
export class ManageApiKeysUseCase {
  constructor(@Inject(ApiKeyStore) private readonly keys: ApiKeyStore) {}

  async create(stationCode: string, label: string | null): Promise<CreatedApiKey> {
    if (!findStation(stationCode)) throw new StationIntakeError(StationIntakeErrorCodes.StationUnknown, `Station ${stationCode} is not a station of the network.`);
    const issued = issueApiKey();
    const stored = await this.keys.add({ keyId: issued.keyId, stationCode, keyHash: issued.keyHash, label });
    return { keyId: stored.keyId, stationCode, apiKey: issued.plainKey, label, createdAt: stored.createdAt.toISOString() };
  }

  /** The station a key acts for, or undefined for a malformed, unknown or revoked key. */
  async stationOf(plainKey: string): Promise<string | undefined> {
    const keyId = keyIdOf(plainKey);
    if (!keyId) return undefined;
    const stored = await this.keys.findActive(keyId);
    if (!stored) return undefined;
    return apiKeyMatches(plainKey, stored.keyHash) ? stored.stationCode : undefined;
  }
}
