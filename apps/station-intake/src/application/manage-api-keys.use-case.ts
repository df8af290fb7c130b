import { Inject, Injectable } from '@nestjs/common';
import { findStation } from '@cargo/seeds';
import { Clock } from '@cargo/service-runtime';
import { apiKeyMatches, issueApiKey, keyIdOf } from '../domain/api-key.model';
import { StationIntakeError, StationIntakeErrorCodes } from '../domain/station-intake.error';
import { ApiKeyStore, type ApiKeyAuditEntry, type StoredApiKey } from './station-intake.ports';

export interface CreatedApiKey {
  keyId: string;
  stationCode: string;
  /** Shown once; only its hash is stored. */
  apiKey: string;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
}

/** A key as listed: never its secret or hash. */
export interface ApiKeyView {
  keyId: string;
  stationCode: string;
  label: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
  state: 'ACTIVE' | 'EXPIRED' | 'REVOKED';
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * Station API keys for terminals without a browser: issue, list, rotate (a new key replaces the old
 * one at once), revoke, expiry; each change audited with the admin's verified subject. Resolves a
 * presented key to its station for the access guard.
 */
@Injectable()
export class ManageApiKeysUseCase {
  constructor(
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async create(stationCode: string, options: { label: string | null; expiresAt: Date | null }, actor: string): Promise<CreatedApiKey> {
    this.assertStation(stationCode);
    this.assertFuture(options.expiresAt);
    const issued = issueApiKey();
    const stored = await this.keys.add({ keyId: issued.keyId, stationCode, keyHash: issued.keyHash, label: options.label, expiresAt: options.expiresAt }, { actor, at: this.clock.now(), detail: options.label });
    return { keyId: stored.keyId, stationCode, apiKey: issued.plainKey, label: options.label, createdAt: stored.createdAt.toISOString(), expiresAt: iso(options.expiresAt) };
  }

  async list(stationCode: string): Promise<ApiKeyView[]> {
    this.assertStation(stationCode);
    return (await this.keys.list(stationCode)).map((key) => this.viewOf(key));
  }

  /** The old key stops working in the same transaction that stores the new one. */
  async rotate(stationCode: string, keyId: string, actor: string): Promise<CreatedApiKey> {
    this.assertStation(stationCode);
    const old = (await this.keys.list(stationCode)).find((k) => k.keyId === keyId);
    const issued = issueApiKey();
    const next = { keyId: issued.keyId, stationCode, keyHash: issued.keyHash, label: old?.label ?? null, expiresAt: old?.expiresAt && old.expiresAt > this.clock.now() ? old.expiresAt : null };
    const stored = old && !old.revokedAt ? await this.keys.rotate(stationCode, keyId, next, { actor, at: this.clock.now(), detail: null }) : undefined;
    if (!stored) throw new StationIntakeError(StationIntakeErrorCodes.ApiKeyNotFound, `Station ${stationCode} has no active key ${keyId}.`);
    return { keyId: stored.keyId, stationCode, apiKey: issued.plainKey, label: next.label, createdAt: stored.createdAt.toISOString(), expiresAt: iso(next.expiresAt) };
  }

  async revoke(stationCode: string, keyId: string, actor: string): Promise<ApiKeyView> {
    this.assertStation(stationCode);
    if (!(await this.keys.revoke(stationCode, keyId, { actor, at: this.clock.now(), detail: null }))) {
      throw new StationIntakeError(StationIntakeErrorCodes.ApiKeyNotFound, `Station ${stationCode} has no active key ${keyId}.`);
    }
    const revoked = (await this.keys.list(stationCode)).find((k) => k.keyId === keyId) as StoredApiKey;
    return this.viewOf(revoked);
  }

  auditTrail(stationCode: string): Promise<ApiKeyAuditEntry[]> {
    this.assertStation(stationCode);
    return this.keys.auditTrail(stationCode);
  }

  /** The key id and station of a presented key, or undefined for a malformed, unknown, revoked or expired one. */
  async resolve(plainKey: string): Promise<{ keyId: string; stationCode: string } | undefined> {
    const keyId = keyIdOf(plainKey);
    if (!keyId) return undefined;
    const stored = await this.keys.findActive(keyId);
    if (!stored || this.stateOf(stored) !== 'ACTIVE') return undefined;
    return apiKeyMatches(plainKey, stored.keyHash) ? { keyId, stationCode: stored.stationCode } : undefined;
  }

  private viewOf(key: StoredApiKey): ApiKeyView {
    const { keyId, stationCode, label, createdAt, expiresAt, revokedAt, replacedBy } = key;
    return { keyId, stationCode, label, createdAt: createdAt.toISOString(), expiresAt: iso(expiresAt), revokedAt: iso(revokedAt), replacedBy, state: this.stateOf(key) };
  }

  private stateOf(key: StoredApiKey): ApiKeyView['state'] {
    if (key.revokedAt) return 'REVOKED';
    return key.expiresAt && key.expiresAt <= this.clock.now() ? 'EXPIRED' : 'ACTIVE';
  }

  private assertStation(stationCode: string): void {
    if (!findStation(stationCode)) throw new StationIntakeError(StationIntakeErrorCodes.StationUnknown, `Station ${stationCode} is not a station of the network.`);
  }

  private assertFuture(expiresAt: Date | null): void {
    if (expiresAt && expiresAt <= this.clock.now()) {
      throw new StationIntakeError(StationIntakeErrorCodes.MalformedBody, 'expiresAt must be in the future.', [{ field: 'expiresAt', message: 'expiresAt must be in the future' }]);
    }
  }
}
