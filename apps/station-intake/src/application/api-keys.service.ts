import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { findStation } from '@cargo/seeds';
import { IsNull, type DataSource } from 'typeorm';
import { apiKeyMatches, issueApiKey, keyIdOf } from '../domain/api-key';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { StationApiKeyOrmEntity } from '../infrastructure/station-api-key.orm-entity';

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
export class ApiKeysService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(stationCode: string, label: string | null): Promise<CreatedApiKey> {
    if (!findStation(stationCode)) throw new StationIntakeError(StationIntakeErrorCodes.StationUnknown, `Station ${stationCode} is not a station of the network.`);
    const issued = issueApiKey();
    const row = await this.dataSource.getRepository(StationApiKeyOrmEntity).save({ keyId: issued.keyId, stationCode, keyHash: issued.keyHash, label, revokedAt: null });
    return { keyId: row.keyId, stationCode, apiKey: issued.plainKey, label, createdAt: row.createdAt.toISOString() };
  }

  /** The station a key acts for, or undefined for a malformed, unknown or revoked key. */
  async stationOf(plainKey: string): Promise<string | undefined> {
    const keyId = keyIdOf(plainKey);
    if (!keyId) return undefined;
    const row = await this.dataSource.getRepository(StationApiKeyOrmEntity).findOneBy({ keyId, revokedAt: IsNull() });
    if (!row) return undefined;
    return apiKeyMatches(plainKey, row.keyHash) ? row.stationCode : undefined;
  }
}
