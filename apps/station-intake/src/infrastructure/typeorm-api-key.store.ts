import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PgChannelListener, pgClientConfigOf } from '@cargo/messaging';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { ApiKeyStore, type ApiKeyAuditEntry, type NewApiKey, type StoredApiKey } from '../application/station-intake.ports';
import { StationApiKeyAuditOrmEntity, StationApiKeyOrmEntity } from './station-api-key.orm-entity';

type AuditFields = Omit<ApiKeyAuditEntry, 'keyId' | 'stationCode' | 'action'>;

/** Channel on which every replica announces (in the changing transaction) the key ids it revoked or rotated. */
export const API_KEY_CHANGES_CHANNEL = 'station_intake_api_key_changes';
/** Upper bound on how long a looked-up key is reused, in real milliseconds (a safety net; changes evict at once). */
export const API_KEY_CACHE_MS = 60_000;
/** Bound on cached keys (the cache is emptied when it is reached); only keys found active are cached. */
const API_KEY_CACHE_MAX = 1_000;

/**
 * Station API keys (hashes only) and their audit trail in the service's tables; each change is one transaction.
 *
 * Active keys are reused from memory so an intake costs no key lookup. Invariants:
 * - A revocation or rotation `NOTIFY`s its key id in its own transaction; every replica LISTENs and
 *   evicts the key when the change commits, so a revoked key stops on all replicas at once.
 * - The cache is used only while LISTEN is in place; when the connection is lost it is emptied and
 *   every use reads the table again until LISTEN is back (changes notified meanwhile were lost).
 * - A lookup that raced with a change (a notification arrived while it ran) is not cached.
 */
@Injectable()
export class TypeOrmApiKeyStore extends ApiKeyStore implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeyStore');
  private readonly active = new Map<string, { stored: StoredApiKey; until: number }>();
  /** Bumped by every notification and (re)LISTEN: a lookup caches only if it did not change meanwhile. */
  private generation = 0;
  private readonly listener: PgChannelListener;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
    this.listener = new PgChannelListener(
      pgClientConfigOf(dataSource, 'station-intake-api-keys'),
      API_KEY_CHANGES_CHANNEL,
      {
        onNotification: (keyId) => this.forget(keyId),
        onListening: () => this.forget(),
      },
      this.logger,
    );
  }

  onApplicationBootstrap(): void {
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }

  add(key: NewApiKey, audit: AuditFields): Promise<StoredApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const stored = await manager.getRepository(StationApiKeyOrmEntity).save({ ...key, revokedAt: null, replacedBy: null });
      await this.audit(manager, { keyId: key.keyId, stationCode: key.stationCode, action: 'ISSUED', ...audit });
      return stored;
    });
  }

  async findActive(keyId: string): Promise<StoredApiKey | undefined> {
    const caching = this.listener.listening;
    if (!caching) this.active.clear();
    const cached = this.active.get(keyId);
    if (caching && cached && cached.until > Date.now()) return cached.stored;
    const generation = this.generation;
    const stored = (await this.dataSource.getRepository(StationApiKeyOrmEntity).findOneBy({ keyId, revokedAt: IsNull() })) ?? undefined;
    if (!stored) {
      this.active.delete(keyId);
      return undefined;
    }
    if (caching && this.listener.listening && generation === this.generation) {
      if (this.active.size >= API_KEY_CACHE_MAX) this.active.clear();
      this.active.set(keyId, { stored, until: Date.now() + API_KEY_CACHE_MS });
    }
    return stored;
  }

  /** Evicts one key (a change notified by any replica), or all (LISTEN (re)established). */
  private forget(keyId?: string): void {
    this.generation += 1;
    if (keyId) this.active.delete(keyId);
    else this.active.clear();
  }

  /** Tells every replica (at commit) that the key changed. */
  private async announce(manager: EntityManager, keyId: string): Promise<void> {
    await manager.query('SELECT pg_notify($1, $2)', [API_KEY_CHANGES_CHANNEL, keyId]);
  }

  list(stationCode: string): Promise<StoredApiKey[]> {
    return this.dataSource.getRepository(StationApiKeyOrmEntity).find({ where: { stationCode }, order: { createdAt: 'DESC', keyId: 'ASC' } });
  }

  async revoke(stationCode: string, keyId: string, audit: AuditFields): Promise<boolean> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      const result = await manager.getRepository(StationApiKeyOrmEntity).update({ keyId, stationCode, revokedAt: IsNull() }, { revokedAt: audit.at });
      if (result.affected !== 1) return false;
      await this.announce(manager, keyId);
      await this.audit(manager, { keyId, stationCode, action: 'REVOKED', ...audit });
      return true;
    });
    this.forget(keyId); // here at once, not only when our own notification comes back
    return revoked;
  }

  async rotate(stationCode: string, oldKeyId: string, next: NewApiKey, audit: AuditFields): Promise<StoredApiKey | undefined> {
    const stored = await this.dataSource.transaction(async (manager) => {
      const keys = manager.getRepository(StationApiKeyOrmEntity);
      const result = await keys.update({ keyId: oldKeyId, stationCode, revokedAt: IsNull() }, { revokedAt: audit.at, replacedBy: next.keyId });
      if (result.affected !== 1) return undefined;
      await this.announce(manager, oldKeyId);
      const stored = await keys.save({ ...next, revokedAt: null, replacedBy: null });
      await this.audit(manager, { keyId: oldKeyId, stationCode, action: 'ROTATED', ...audit, detail: `replaced by ${next.keyId}` });
      await this.audit(manager, { keyId: next.keyId, stationCode, action: 'ISSUED', ...audit, detail: `rotation of ${oldKeyId}` });
      return stored;
    });
    this.forget(oldKeyId);
    return stored;
  }

  async auditTrail(stationCode: string): Promise<ApiKeyAuditEntry[]> {
    const rows = await this.dataSource.getRepository(StationApiKeyAuditOrmEntity).find({ where: { stationCode }, order: { seq: 'ASC' } });
    return rows.map(({ keyId, stationCode: station, action, actor, at, detail }) => ({ keyId, stationCode: station, action, actor, at, detail }));
  }

  private async audit(manager: EntityManager, entry: ApiKeyAuditEntry): Promise<void> {
    await manager.getRepository(StationApiKeyAuditOrmEntity).insert(entry);
  }
}
