import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A shipment received at a station: the `CargoReceived` payload as emitted (`content`), plus the
 * station-side status from the latest scan. One row per AWB across all stations (an AWB is unique).
 */
@Entity({ name: 'intake' })
@Index('intake_station_received_idx', ['stationCode', 'receivedAt'])
export class IntakeOrmEntity {
  @PrimaryColumn({ type: 'text' })
  awb!: string;

  @Column({ name: 'station_code', type: 'text' })
  stationCode!: string;

  @Column({ type: 'text' })
  status!: string;

  /** When what set `status` happened (a scan's `happenedAt`, or `receivedAt`). */
  @Column({ name: 'status_at', type: 'timestamptz' })
  statusAt!: Date;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ type: 'integer' })
  pieces!: number;

  @Column({ name: 'gross_weight_kg', type: 'double precision' })
  grossWeightKg!: number;

  /** The CargoReceived payload exactly as published. */
  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  /** Id of the CargoReceived event. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
