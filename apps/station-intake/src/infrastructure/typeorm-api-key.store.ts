import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { ApiKeyStore, type StoredApiKey } from '../application/station-intake.ports';
import { StationApiKeyOrmEntity } from './station-api-key.orm-entity';

/** Station API keys in the service's table (hashes only). */
@Injectable()
export class TypeOrmApiKeyStore extends ApiKeyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  add(key: { keyId: string; stationCode: string; keyHash: string; label: string | null }): Promise<StoredApiKey> {
    return this.dataSource.getRepository(StationApiKeyOrmEntity).save({ keyId: key.keyId, stationCode: key.stationCode, keyHash: key.keyHash, label: key.label, revokedAt: null });
  }

  async findActive(keyId: string): Promise<StoredApiKey | undefined> {
    return (await this.dataSource.getRepository(StationApiKeyOrmEntity).findOneBy({ keyId, revokedAt: IsNull() })) ?? undefined;
  }
}
