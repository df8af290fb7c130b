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

  /** The CargoReceived payload exactly as published; after a correction, the corrected intake. */
  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;

  /** Id of the CargoReceived event. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** 1 as received; each correction or cancellation adds one. */
  @Column({ name: 'intake_version', type: 'integer', default: 1 })
  intakeVersion!: number;

  /** Id of the latest CargoCorrected / CargoCancelled event (null: the CargoReceived is the latest). */
  @Column({ name: 'last_event_id', type: 'uuid', nullable: true })
  lastEventId!: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
