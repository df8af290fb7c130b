import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Manifest } from '../domain/manifest.builder';

/** A closed manifest as emitted on `flight.manifest.v1` (plus the lines' final destinations). One per flight. */
@Entity({ name: 'manifests' })
export class ManifestOrmEntity {
  @PrimaryColumn({ name: 'flight_id', type: 'text' })
  flightId!: string;

  @Column({ type: 'jsonb' })
  payload!: Manifest;

  /** Service-clock time of the cut-off at which it closed. */
  @Column({ name: 'closed_at', type: 'timestamptz' })
  closedAt!: Date;

  /** Wall-clock time it was written. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
