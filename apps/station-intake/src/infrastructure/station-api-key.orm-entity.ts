import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

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
}
