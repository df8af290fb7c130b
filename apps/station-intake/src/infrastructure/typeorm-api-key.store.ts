import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { ApiKeyStore, type ApiKeyAuditEntry, type NewApiKey, type StoredApiKey } from '../application/station-intake.ports';
import { StationApiKeyAuditOrmEntity, StationApiKeyOrmEntity } from './station-api-key.orm-entity';

type AuditFields = Omit<ApiKeyAuditEntry, 'keyId' | 'stationCode' | 'action'>;

/** Station API keys (hashes only) and their audit trail in the service's tables; each change is one transaction. */
@Injectable()
export class TypeOrmApiKeyStore extends ApiKeyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  add(key: NewApiKey, audit: AuditFields): Promise<StoredApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const stored = await manager.getRepository(StationApiKeyOrmEntity).save({ ...key, revokedAt: null, replacedBy: null });
      await this.audit(manager, { keyId: key.keyId, stationCode: key.stationCode, action: 'ISSUED', ...audit });
      return stored;
    });
  }

  async findActive(keyId: string): Promise<StoredApiKey | undefined> {
    return (await this.dataSource.getRepository(StationApiKeyOrmEntity).findOneBy({ keyId, revokedAt: IsNull() })) ?? undefined;
  }

  list(stationCode: string): Promise<StoredApiKey[]> {
    return this.dataSource.getRepository(StationApiKeyOrmEntity).find({ where: { stationCode }, order: { createdAt: 'DESC', keyId: 'ASC' } });
  }

  revoke(stationCode: string, keyId: string, audit: AuditFields): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(StationApiKeyOrmEntity).update({ keyId, stationCode, revokedAt: IsNull() }, { revokedAt: audit.at });
      if (result.affected !== 1) return false;
      await this.audit(manager, { keyId, stationCode, action: 'REVOKED', ...audit });
      return true;
    });
  }

  rotate(stationCode: string, oldKeyId: string, next: NewApiKey, audit: AuditFields): Promise<StoredApiKey | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const keys = manager.getRepository(StationApiKeyOrmEntity);
      const result = await keys.update({ keyId: oldKeyId, stationCode, revokedAt: IsNull() }, { revokedAt: audit.at, replacedBy: next.keyId });
      if (result.affected !== 1) return undefined;
      const stored = await keys.save({ ...next, revokedAt: null, replacedBy: null });
      await this.audit(manager, { keyId: oldKeyId, stationCode, action: 'ROTATED', ...audit, detail: `replaced by ${next.keyId}` });
      await this.audit(manager, { keyId: next.keyId, stationCode, action: 'ISSUED', ...audit, detail: `rotation of ${oldKeyId}` });
      return stored;
    });
  }

  async auditTrail(stationCode: string): Promise<ApiKeyAuditEntry[]> {
    const rows = await this.dataSource.getRepository(StationApiKeyAuditOrmEntity).find({ where: { stationCode }, order: { seq: 'ASC' } });
    return rows.map(({ keyId, stationCode: station, action, actor, at, detail }) => ({ keyId, stationCode: station, action, actor, at, detail }));
  }

  private async audit(manager: EntityManager, entry: ApiKeyAuditEntry): Promise<void> {
    await manager.getRepository(StationApiKeyAuditOrmEntity).insert(entry);
  }
}
