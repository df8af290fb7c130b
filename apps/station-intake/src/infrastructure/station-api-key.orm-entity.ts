import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiKeyAuditAction } from '../application/station-intake.ports';

/** A station's API key: only its SHA-256 hash is kept (see domain/api-key.ts). */
@Entity({ name: 'station_api_key' })
export class StationApiKeyOrmEntity {
  @PrimaryColumn({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'station_code', type: 'text' })
  stationCode!: string;

  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  @Column({ type: 'text', nullable: true })
  label!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** The key that replaced this one when it was rotated. */
  @Column({ name: 'replaced_by', type: 'text', nullable: true })
  replacedBy!: string | null;
}

/** Who issued, rotated or revoked which key, and when. */
@Entity({ name: 'station_api_key_audit' })
export class StationApiKeyAuditOrmEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ name: 'key_id', type: 'text' })
  keyId!: string;

  @Column({ name: 'station_code', type: 'text' })
  stationCode!: string;

  @Column({ type: 'text' })
  action!: ApiKeyAuditAction;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}
